package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityCatalog;
import io.seckill.flashsale.sale.RequestTracing;
import io.seckill.flashsale.stock.SoldOutFlags;
import io.seckill.ids.client.SnowflakeIdClient;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A shopper buys. What cannot succeed is refused from memory, without touching Redis or the token: an
 * unknown sale, a bad quantity, a sale that is not open (switched off, paused, not started, ended, sold
 * out here already), a token that is not this shopper's for this sale or has expired. Otherwise one
 * atomic step in Redis decides, and an accepted purchase is already recorded in the request stream.
 */
@Service
public class PlacingPurchase {

    private static final Logger log = LoggerFactory.getLogger(PlacingPurchase.class);
    private static final String ACCEPTED = "ACCEPTED";

    private final ActivityCatalog catalog;
    private final OpenForPurchase open;
    private final PurchaseTokens tokens;
    private final SoldOutFlags soldOut;
    private final PurchaseSettings settings;
    private final SnowflakeIdClient ids;
    private final Clock clock;
    private final RequestTracing tracing;
    private final Map<PurchaseSettings.Strategy, PurchaseStrategy> strategies = new EnumMap<>(PurchaseSettings.Strategy.class);
    private final MeterRegistry meters;
    private final Timer latency;
    /** Per sale, one counter per outcome (index 0 accepted, then each refusal code), registered on first use. */
    private final Map<Long, Counter[]> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong lastRedisWarning = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(1));

    PlacingPurchase(ActivityCatalog catalog, OpenForPurchase open, PurchaseTokens tokens, SoldOutFlags soldOut,
            PurchaseSettings settings, SnowflakeIdClient ids, Clock clock, List<PurchaseStrategy> strategies, MeterRegistry meters,
            RequestTracing tracing) {
        this.catalog = catalog;
        this.open = open;
        this.tokens = tokens;
        this.soldOut = soldOut;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.tracing = tracing;
        strategies.forEach(strategy -> this.strategies.put(strategy.name(), strategy));
        this.meters = meters;
        this.latency = Timer.builder("seckill.purchase.latency").description("Purchase decision time")
                .publishPercentiles(0.5, 0.99).register(meters);
        soldOut.recheckAfter(() -> settings.getSoldOutRecheck().toMillis());
    }

    public PurchaseOutcome place(String userId, long activityId, String token, int quantity) {
        long started = System.nanoTime();
        PurchaseOutcome outcome = decide(userId, activityId, token, quantity);
        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        counter(activityId, outcome).increment();
        return outcome;
    }

    private PurchaseOutcome decide(String userId, long activityId, String token, int quantity) {
        Activity activity = catalog.visible(activityId);
        int limit = settings.perUserLimit(activityId, activity.getPerUserLimit());
        if (quantity < 1 || quantity > limit) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "quantity must be 1.." + limit + " for this sale.");
        }
        Instant now = clock.instant();
        SaleState state = open.stateOf(activity, now);
        if (state != SaleState.OPEN) {
            return new PurchaseOutcome.Refused(state.refusal());
        }
        Optional<PurchaseTokens.UsableToken> usable = tokens.verify(token, userId, activityId, now.toEpochMilli());
        if (usable.isEmpty()) {
            return new PurchaseOutcome.Refused(ErrorCode.TOKEN_INVALID);
        }
        PurchaseAttempt attempt = new PurchaseAttempt(activityId, userId, usable.get().nonce(), usable.get().markForMillis(),
                quantity, ids.nextId(), now.toEpochMilli(), limit, tracing.currentTraceparent());
        PurchaseOutcome outcome;
        try {
            outcome = strategies.get(settings.getStrategy()).attempt(attempt);
        } catch (RedisException unanswered) {
            // The purchase may or may not have been written (a master dying mid-call, a failover under way): its
            // order id is reserved, so the shopper is told to look it up, as for a purchase no replica confirmed.
            warnAtMostEverySecond(activityId, unanswered);
            outcome = new PurchaseOutcome.Unconfirmed(attempt.orderId(), -1);
        }
        if (outcome.emptiesTheSale(quantity)) {
            soldOut.markSoldOut(activityId);
        }
        return outcome;
    }

    private void warnAtMostEverySecond(long activityId, RedisException e) {
        long now = System.nanoTime();
        long last = lastRedisWarning.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(1) && lastRedisWarning.compareAndSet(last, now)) {
            log.warn("Redis did not answer a purchase of activity {} (answered PURCHASE_UNCONFIRMED; further ones within "
                    + "a second are counted, not logged): {}", activityId, e.toString());
        }
    }

    private Counter counter(long activityId, PurchaseOutcome outcome) {
        Counter[] counters = outcomes.computeIfAbsent(activityId, id -> new Counter[ErrorCode.values().length + 1]);
        ErrorCode refusal = outcome.code();
        int index = refusal == null ? 0 : refusal.ordinal() + 1;
        Counter counter = counters[index];
        if (counter == null) {
            String code = refusal == null ? ACCEPTED : refusal.name();
            counter = Counter.builder("seckill.purchases").description("Purchase attempts by outcome")
                    .tag("activity", Long.toString(activityId)).tag("outcome", code).register(meters);
            counters[index] = counter; // a race registers the same meter twice: the registry returns the one meter
        }
        return counter;
    }
}
