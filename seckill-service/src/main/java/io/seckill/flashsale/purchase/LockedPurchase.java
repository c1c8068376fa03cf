package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.flashsale.sale.ReplicaConfirmation;
import io.seckill.flashsale.sale.RequestEntry;
import io.seckill.flashsale.sale.SaleKeys;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * For comparison only ({@code seckill.purchase.strategy=redisson-lock}): the same checks as the Lua
 * script, read under a per-activity Redisson lock, then written in one MULTI/EXEC so a crash still
 * cannot separate the decrement from the recorded request. It serialises every buyer of an activity
 * behind one lock round trip; the benchmark shows what that costs.
 */
@Component
class LockedPurchase implements PurchaseStrategy {

    private static final long LEASE_SECONDS = 5;

    private final RedissonClient redisson;
    private final ReplicaConfirmation replicas;

    LockedPurchase(RedissonClient redisson, ReplicaConfirmation replicas) {
        this.redisson = redisson;
        this.replicas = replicas;
    }

    @Override
    public PurchaseSettings.Strategy name() {
        return PurchaseSettings.Strategy.REDISSON_LOCK;
    }

    @Override
    public PurchaseOutcome attempt(PurchaseAttempt attempt) {
        SaleKeys keys = new SaleKeys(attempt.activityId());
        RLock lock = redisson.getLock(keys.purchaseLock());
        lock.lock(LEASE_SECONDS, TimeUnit.SECONDS);
        try {
            return checkAndWrite(keys, attempt);
        } finally {
            lock.unlock();
        }
    }

    private PurchaseOutcome checkAndWrite(SaleKeys keys, PurchaseAttempt attempt) {
        if (!redisson.<String>getBucket(keys.usedToken(attempt.tokenNonce()), StringCodec.INSTANCE)
                .setIfAbsent("1", Duration.ofMillis(attempt.markForMillis()))) {
            return new PurchaseOutcome.Refused(ErrorCode.TOKEN_INVALID);
        }
        Map<String, String> meta = redisson.<String, String>getMap(keys.meta(), StringCodec.INSTANCE).readAllMap();
        if (meta.isEmpty()) {
            return new PurchaseOutcome.Refused(ErrorCode.NOT_FOUND);
        }
        if ("1".equals(meta.get("paused"))) {
            return new PurchaseOutcome.Refused(ErrorCode.PAUSED);
        }
        if (attempt.nowMillis() < Long.parseLong(meta.get("start"))) {
            return new PurchaseOutcome.Refused(ErrorCode.NOT_STARTED);
        }
        if (attempt.nowMillis() >= Long.parseLong(meta.get("end"))) {
            return new PurchaseOutcome.Refused(ErrorCode.ENDED);
        }
        String held = redisson.<String, String>getMap(keys.buyers(), StringCodec.INSTANCE).get(attempt.userId());
        if ((held == null ? 0 : Integer.parseInt(held)) + attempt.quantity() > attempt.perUserLimit()) {
            return new PurchaseOutcome.Refused(ErrorCode.LIMIT_REACHED);
        }
        String stockValue = redisson.<String>getBucket(keys.stock(), StringCodec.INSTANCE).get();
        long stock = stockValue == null ? 0 : Long.parseLong(stockValue);
        if (stock < attempt.quantity()) {
            return new PurchaseOutcome.Refused(ErrorCode.SOLD_OUT);
        }
        RBatch batch = redisson.createBatch(replicas.applyTo(
                BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC)));
        batch.getAtomicLong(keys.stock()).addAndGetAsync(-attempt.quantity());
        batch.<String, String>getMap(keys.buyers(), StringCodec.INSTANCE).addAndGetAsync(attempt.userId(), attempt.quantity());
        batch.<String, String>getMap(keys.results(), StringCodec.INSTANCE)
                .fastPutAsync(Long.toString(attempt.orderId()), attempt.userId() + "|QUEUED");
        batch.<String, String>getMap(keys.taken(), StringCodec.INSTANCE)
                .fastPutAsync(Long.toString(attempt.orderId()), Integer.toString(attempt.quantity()));
        RequestEntry request = new RequestEntry(attempt.orderId(), attempt.userId(), attempt.activityId(), attempt.quantity(),
                new BigDecimal(meta.get("price")), attempt.nowMillis(), attempt.traceparent());
        batch.<String, String>getStream(keys.requests(), StringCodec.INSTANCE).addAsync(StreamAddArgs.entries(request.fields()));
        BatchResult<?> done = batch.execute();
        long remaining = stock - attempt.quantity();
        return replicas.confirmedBy(done) ? new PurchaseOutcome.Accepted(attempt.orderId(), remaining)
                : new PurchaseOutcome.Unconfirmed(attempt.orderId(), remaining);
    }
}
