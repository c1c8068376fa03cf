package io.seckill.flashsale.stock;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Follows order events: a cancelled or failed order's units go back on sale (once per order, however
 * often the event is delivered) and every instance hears the activity is not sold out any more; other
 * events move the shopper-visible status forward. The offset is committed only after Redis is updated.
 */
@Component
class ReturningStock {

    private static final Logger log = LoggerFactory.getLogger(ReturningStock.class);

    private final SaleScripts scripts;
    private final SoldOutFlags soldOut;
    private final JsonMapper json;
    private final Counter returned;
    private final Counter duplicates;

    ReturningStock(SaleScripts scripts, SoldOutFlags soldOut, JsonMapper json, MeterRegistry meters) {
        this.scripts = scripts;
        this.soldOut = soldOut;
        this.json = json;
        this.returned = Counter.builder("seckill.stock.returned").tag("outcome", "returned").register(meters);
        this.duplicates = Counter.builder("seckill.stock.returned").tag("outcome", "duplicate").register(meters);
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS, groupId = "seckill-service-stock")
    void on(String message, Acknowledgment ack) {
        OrderLifecycleEvent event = json.readValue(message, OrderLifecycleEvent.class);
        apply(event);
        ack.acknowledge();
    }

    void apply(OrderLifecycleEvent event) {
        SaleKeys keys = new SaleKeys(event.activityId());
        if (event.releasesStock()) {
            String status = OrderLifecycleEvent.CANCELLED.equals(event.type()) ? "CANCELLED" : "FAILED";
            if (scripts.returnStock(keys, event.orderId(), event.userId(), event.quantity(), status)) {
                returned.increment(event.quantity());
                soldOut.announceStockReturned(event.activityId());
                log.debug("Returned {} unit(s) of order {} to activity {}", event.quantity(), event.orderId(), event.activityId());
            } else {
                duplicates.increment();
            }
        } else if (OrderLifecycleEvent.CREATED.equals(event.type())) {
            scripts.advanceResult(keys, event.orderId(), event.userId(), "CREATED");
        } else if (OrderLifecycleEvent.PAID.equals(event.type())) {
            scripts.advanceResult(keys, event.orderId(), event.userId(), "PAID");
        }
    }
}
