package io.seckill.order.placement;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.OrderRequested;
import io.seckill.order.events.OrderEvents;
import io.seckill.order.monitoring.GlobalTransactions;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.seata.tm.api.TransactionalExecutor;
import org.apache.seata.tm.api.TransactionalTemplate;
import org.apache.seata.tm.api.transaction.TransactionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns an accepted purchase into exactly one order. One Seata global transaction runs inventory's
 * Try (freeze, over HTTP) and this service's Try (record PENDING); the TC then confirms or cancels
 * both. The order id from the request is the primary key, so a duplicate or replayed request finds
 * its order and changes nothing; a request whose placement is still in flight (PENDING) is retried
 * later, once the TC has finished the earlier attempt one way or the other.
 */
@Service
public class PlacingOrder {

    private static final Logger log = LoggerFactory.getLogger(PlacingOrder.class);

    private final OrderMapper orders;
    private final InventoryHolds inventory;
    private final RecordingOrder recording;
    private final OrderEvents events;
    private final SettlementProperties properties;
    private final TransactionalTemplate transactions = new TransactionalTemplate();
    private final MeterRegistry meters;
    private final Clock clock;
    private final Timer settlementLatency;
    private final Counter committed;
    private final Counter rolledBack;

    PlacingOrder(OrderMapper orders, InventoryHolds inventory, RecordingOrder recording, OrderEvents events,
            SettlementProperties properties, MeterRegistry meters, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.recording = recording;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        // A histogram, not client-side percentiles: p99 across every instance is computed in Prometheus.
        this.settlementLatency = Timer.builder("orders.settlement.latency")
                .description("From the purchase accepted (202) to its order created").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(5)).register(meters);
        this.committed = GlobalTransactions.counter(meters, "placement", "committed");
        this.rolledBack = GlobalTransactions.counter(meters, "placement", "rolled_back");
    }

    public Outcome place(OrderRequested request) {
        Order existing = orders.selectById(request.orderId());
        if (existing != null) {
            return alreadyPlaced(existing);
        }
        try {
            transactions.execute(new TransactionalExecutor() {
                @Override
                public Object execute() {
                    inventory.tryHold(request.orderId(), request.activityId(), request.quantity());
                    recording.tryRecord(request.orderId(), request.userId(), request.activityId(), request.quantity(),
                            request.unitPrice());
                    return null;
                }

                @Override
                public TransactionInfo getTransactionInfo() {
                    TransactionInfo info = new TransactionInfo();
                    info.setName("place-order");
                    info.setTimeOut((int) properties.globalTimeout().toMillis());
                    return info;
                }
            });
        } catch (TransactionalExecutor.ExecutionException e) {
            rolledBack.increment();
            if (e.getOriginalException() instanceof InventoryHolds.NoStockInLedger noStock) {
                return failForGood(request, noStock.getMessage());
            }
            // Rolled back, or the outcome is unknown: the listener retries; a PENDING row waits for the TC.
            throw new PlacementNotFinished(request.orderId(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new PlacementNotFinished(request.orderId(), e);
        }
        committed.increment();
        count("created");
        settlementLatency.record(Duration.between(request.requestedAt(), clock.instant()));
        events.announce(OrderLifecycleEvent.CREATED, asOrder(request, OrderStatus.CREATED), null);
        return Outcome.CREATED;
    }

    private Outcome alreadyPlaced(Order existing) {
        if (existing.getStatus() == OrderStatus.PENDING) {
            throw new PlacementNotFinished(existing.getOrderId(), null);
        }
        if (existing.getStatus() == OrderStatus.FAILED) {
            // Announced again: the first announcement may be what did not survive.
            events.announce(OrderLifecycleEvent.FAILED, existing, "placement failed");
        }
        count("duplicate");
        return Outcome.DUPLICATE;
    }

    private Outcome failForGood(OrderRequested request, String reason) {
        Order failed = asOrder(request, OrderStatus.FAILED);
        orders.insertFailed(failed, reason);
        log.warn("Order {} failed: {}", request.orderId(), reason);
        events.announce(OrderLifecycleEvent.FAILED, failed, reason);
        count("failed");
        return Outcome.FAILED;
    }

    private static Order asOrder(OrderRequested request, OrderStatus status) {
        return new Order(request.orderId(), request.userId(), request.activityId(), request.quantity(),
                request.unitPrice(), status);
    }

    private void count(String outcome) {
        Counter.builder("orders.placements").tag("outcome", outcome).register(meters).increment();
    }

    public enum Outcome {
        CREATED,
        DUPLICATE,
        FAILED
    }

    /** Placement did not complete this time; retried with backoff, then dead-lettered. */
    public static class PlacementNotFinished extends RuntimeException {
        PlacementNotFinished(long orderId, Throwable cause) {
            super("placement of order " + orderId + " is not finished yet", cause);
        }
    }
}
