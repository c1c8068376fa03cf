package io.seckill.order.placement;

import io.seckill.common.event.OrderRequested;
import io.seckill.order.inventory.InventoryClient;
import io.seckill.order.operations.GlobalTransactions;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.seata.tm.api.TransactionalExecutor;
import org.apache.seata.tm.api.TransactionalTemplate;
import org.apache.seata.tm.api.transaction.TransactionInfo;
import org.springframework.stereotype.Service;

/**
 * Turns a group of accepted purchases of one sale into exactly one order each. One Seata global
 * transaction covers the group: inventory's Try freezes the group's units (one conditional update of the
 * ledger, one hold per order) and this service's Try records the group PENDING; the TC then confirms or
 * cancels both branches by transaction. The order id is the primary key, so a duplicate or replayed request
 * finds its order and changes nothing, whatever the group it arrives in; a request whose placement is still
 * in flight (PENDING) is left for later. When the ledger cannot cover a group, the group is settled again in
 * halves, down to single orders, so that exactly the orders without a unit fail.
 */
@Service
public class PlacingOrders {

    private final OrderMapper orders;
    private final InventoryClient inventory;
    private final RecordingOrders recording;
    private final FailingOrders failing;
    private final SettlementProperties properties;
    private final TransactionalTemplate transactions = new TransactionalTemplate();
    private final Clock clock;
    private final Timer settlementLatency;
    private final Counter committed;
    private final Counter rolledBack;
    private final Counter created;
    private final Counter duplicate;
    private final Counter failed;

    PlacingOrders(OrderMapper orders, InventoryClient inventory, RecordingOrders recording, FailingOrders failing,
            SettlementProperties properties, MeterRegistry meters, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.recording = recording;
        this.failing = failing;
        this.properties = properties;
        this.clock = clock;
        // A histogram, not client-side percentiles: p99 across every instance is computed in Prometheus.
        this.settlementLatency = Timer.builder("orders.settlement.latency")
                .description("From the purchase accepted (202) to its order created").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(5)).register(meters);
        this.committed = GlobalTransactions.counter(meters, "placement", "committed");
        this.rolledBack = GlobalTransactions.counter(meters, "placement", "rolled_back");
        this.created = placements(meters, "created");
        this.duplicate = placements(meters, "duplicate");
        this.failed = placements(meters, "failed");
    }

    /**
     * What became of a group: the order ids left for a later attempt (in flight elsewhere, or not settled now),
     * and those inventory refused as invalid, with its reason (no attempt would place them: dead letters).
     */
    public record Outcome(List<Long> unfinished, RuntimeException cause, Map<Long, String> refused) {

        static Outcome done(Map<Long, String> refused) {
            return new Outcome(List.of(), null, refused);
        }
    }

    /** Places the requests of one sale (distinct order ids). */
    public Outcome place(long activityId, List<OrderRequested> requests) {
        Map<Long, OrderStatus> known = orders.statusOf(requests.stream().map(OrderRequested::orderId).toList()).stream()
                .collect(Collectors.toMap(OrderMapper.Known::orderId, OrderMapper.Known::status));
        List<Long> unfinished = new ArrayList<>();
        List<OrderRequested> fresh = new ArrayList<>();
        for (OrderRequested request : requests) {
            OrderStatus status = known.get(request.orderId());
            if (status == null) {
                fresh.add(request);
            } else if (status == OrderStatus.PENDING) {
                unfinished.add(request.orderId()); // the TC is still finishing another attempt
            } else {
                duplicate.increment();
            }
        }
        RuntimeException cause = unfinished.isEmpty() ? null : new PlacementNotFinished(unfinished.get(0), null);
        Map<Long, String> refused = new LinkedHashMap<>();
        try {
            settle(activityId, fresh, refused);
        } catch (PlacementNotFinished notNow) {
            fresh.forEach(request -> unfinished.add(request.orderId()));
            cause = notNow;
            refused.clear(); // the whole group comes again, and is judged again
        }
        return unfinished.isEmpty() ? Outcome.done(refused) : new Outcome(unfinished, cause, refused);
    }

    private void settle(long activityId, List<OrderRequested> part, Map<Long, String> refused) {
        if (part.isEmpty()) {
            return;
        }
        try {
            runGlobally(activityId, part);
        } catch (InventoryClient.HoldRefused invalid) {
            // Down to the refused request itself, so the rest of the group is placed now.
            if (part.size() == 1) {
                refused.put(part.get(0).orderId(), invalid.getMessage());
                return;
            }
            settle(activityId, part.subList(0, part.size() / 2), refused);
            settle(activityId, part.subList(part.size() / 2, part.size()), refused);
            return;
        } catch (InventoryClient.NotEnoughStock noStock) {
            if (noStock.available() == 0 || part.size() == 1) {
                failing.fail(part.stream().map(request -> order(request, OrderStatus.FAILED)).toList(), noStock.getMessage());
                failed.increment(part.size());
                return;
            }
            settle(activityId, part.subList(0, part.size() / 2), refused);
            settle(activityId, part.subList(part.size() / 2, part.size()), refused);
            return;
        }
        committed.increment();
        created.increment(part.size());
        Instant now = clock.instant();
        part.forEach(request -> settlementLatency.record(Duration.between(request.requestedAt(), now)));
    }

    private void runGlobally(long activityId, List<OrderRequested> part) {
        List<InventoryClient.Hold> holds = part.stream().map(r -> new InventoryClient.Hold(r.orderId(), r.quantity())).toList();
        List<Order> pending = part.stream().map(request -> order(request, OrderStatus.PENDING)).toList();
        try {
            transactions.execute(new TransactionalExecutor() {
                @Override
                public Object execute() {
                    inventory.tryHold(activityId, holds); // first: the TC confirms inventory before the orders
                    recording.tryRecord(activityId, pending);
                    return null;
                }

                @Override
                public TransactionInfo getTransactionInfo() {
                    TransactionInfo info = new TransactionInfo();
                    info.setName("place-orders");
                    info.setTimeOut((int) properties.globalTimeout().toMillis());
                    return info;
                }
            });
        } catch (TransactionalExecutor.ExecutionException e) {
            rolledBack.increment();
            if (e.getOriginalException() instanceof InventoryClient.NotEnoughStock noStock) {
                throw noStock;
            }
            if (e.getOriginalException() instanceof InventoryClient.HoldRefused invalid) {
                throw invalid;
            }
            // Rolled back, or the outcome is unknown: the requests come back; PENDING rows wait for the TC.
            throw new PlacementNotFinished(part.get(0).orderId(), e);
        } catch (RuntimeException e) {
            throw new PlacementNotFinished(part.get(0).orderId(), e);
        } catch (Throwable e) {
            throw new PlacementNotFinished(part.get(0).orderId(), e);
        }
    }

    private static Order order(OrderRequested request, OrderStatus status) {
        return new Order(request.orderId(), request.userId(), request.activityId(), request.quantity(),
                request.unitPrice(), status);
    }

    private static Counter placements(MeterRegistry meters, String outcome) {
        return Counter.builder("orders.placements").tag("outcome", outcome).register(meters);
    }

    /** Placement did not complete this time; the request is delivered again with backoff, then dead-lettered. */
    public static class PlacementNotFinished extends RuntimeException {
        PlacementNotFinished(long orderId, Throwable cause) {
            super("placement of order " + orderId + " is not finished yet", cause);
        }
    }
}
