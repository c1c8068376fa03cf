package io.seckill.flashsale.stock;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.Topics;
import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleScripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows order events, a poll at a time: a cancelled or failed order's units go back on sale (once per
 * order, however often the event is delivered, and exactly the units the purchase took for it), and once per poll every instance hears which sales have
 * stock again; other events move the shopper-visible status forward. The scripts of a poll run
 * pipelined, and the offsets are committed only after all of them are applied in Redis.
 */
@Component
class ReturningStock {

    private static final Logger log = LoggerFactory.getLogger(ReturningStock.class);

    private final SaleScripts scripts;
    private final SoldOutFlags soldOut;
    private final JsonMapper json;
    private final Counter returned;
    private final Counter duplicates;
    private final Counter refused;

    ReturningStock(SaleScripts scripts, SoldOutFlags soldOut, JsonMapper json, MeterRegistry meters) {
        this.scripts = scripts;
        this.soldOut = soldOut;
        this.json = json;
        this.returned = Counter.builder("seckill.stock.returned").tag("outcome", "returned").register(meters);
        this.duplicates = Counter.builder("seckill.stock.returned").tag("outcome", "duplicate").register(meters);
        this.refused = Counter.builder("seckill.stock.returned").tag("outcome", "refused").register(meters);
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS, groupId = "${seckill.stock.return-group}", batch = "true")
    void on(List<String> messages, Acknowledgment ack) {
        Set<Long> restocked = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> applied = new ArrayList<>(messages.size());
        for (String message : messages) {
            OrderLifecycleEvent event;
            try {
                event = json.readValue(message, OrderLifecycleEvent.class);
            } catch (JacksonException unreadable) {
                // No retry can make it readable; everything else in the poll still applies.
                log.warn("Skipping an unreadable order event: {}", unreadable.getOriginalMessage());
                continue;
            }
            applied.add(apply(event, restocked).toCompletableFuture());
        }
        // A failure (Redis away) fails the whole poll, which is delivered again: every script is idempotent.
        CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)).join();
        restocked.forEach(soldOut::announceStockReturned);
        ack.acknowledge();
    }

    private java.util.concurrent.CompletionStage<?> apply(OrderLifecycleEvent event, Set<Long> restocked) {
        SaleKeys keys = new SaleKeys(event.activityId());
        if (event.releasesStock()) {
            String status = OrderLifecycleEvent.CANCELLED.equals(event.type()) ? "CANCELLED" : "FAILED";
            return scripts.returnStock(keys, event.orderId(), event.userId(), status).thenAccept(units -> {
                if (units > 0) {
                    returned.increment(units);
                    restocked.add(event.activityId());
                } else if (units == 0) {
                    duplicates.increment();
                } else {
                    // A FAILED order of 50 once added 50 units Redis never handed out: only what was taken returns.
                    refused.increment();
                    log.warn("Refused to return stock for order {} of sale {} (user {}): this sale took no units for it",
                            event.orderId(), event.activityId(), event.userId());
                }
            });
        }
        if (OrderLifecycleEvent.CREATED.equals(event.type())) {
            return scripts.advanceResult(keys, event.orderId(), event.userId(), "CREATED");
        }
        if (OrderLifecycleEvent.PAID.equals(event.type())) {
            return scripts.advanceResult(keys, event.orderId(), event.userId(), "PAID");
        }
        return CompletableFuture.completedFuture(null);
    }
}
