package io.seckill.demo.crowd;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the shoppers were answered in the burst: the 202s and the unconfirmed purchases with their order ids, the refusals by code, latencies. */
public final class BurstOutcome {

    private final Map<Long, Integer> acceptedOrders = new ConcurrentHashMap<>();
    private final java.util.Set<Long> unconfirmedOrders = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private volatile long lastAcceptedAt;

    void accepted(long orderId, int shopper, long latencyNanos) {
        acceptedOrders.put(orderId, shopper);
        latencies.add(latencyNanos);
        lastAcceptedAt = System.nanoTime();
    }

    void refused(String code, long latencyNanos) {
        refused(code);
        latencies.add(latencyNanos);
    }

    /** Answered PURCHASE_UNCONFIRMED (503) under this order id: it may or may not stand. */
    void unconfirmed(long orderId, long latencyNanos) {
        unconfirmedOrders.add(orderId);
        refused("PURCHASE_UNCONFIRMED", latencyNanos);
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    /** Order id → the shopper who was answered 202 for it. */
    public Map<Long, Integer> acceptedOrders() {
        return acceptedOrders;
    }

    /** Order ids answered PURCHASE_UNCONFIRMED. */
    public java.util.Set<Long> unconfirmedOrders() {
        return unconfirmedOrders;
    }

    public Map<String, Long> refusedByCode() {
        Map<String, Long> sorted = new TreeMap<>();
        refusals.forEach((code, count) -> sorted.put(code, count.get()));
        return sorted;
    }

    /** Purchase-request latency percentile in milliseconds (p in 0..100). */
    public double latencyMillis(double p) {
        return percentileMillis(latencies, p);
    }

    /** Nearest-rank percentile of latencies given in nanoseconds, in milliseconds; 0 for none. */
    public static double percentileMillis(java.util.Collection<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) return 0;
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    public long lastAcceptedAtNanos() {
        return lastAcceptedAt;
    }
}
