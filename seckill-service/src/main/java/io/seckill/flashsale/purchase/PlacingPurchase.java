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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * A shopper buys. What cannot succeed is refused from memory, without touching Redis or the token: an
 * unknown sale, a bad quantity, a sale that is not open (switched off, paused, not started, ended, sold
 * out here already), a token that is not this shopper's for this sale or has expired. Otherwise one
 * atomic step in Redis decides, and an accepted purchase is already recorded in the request stream.
 */
@Service
public class PlacingPurchase {

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
        PurchaseOutcome outcome = strategies.get(settings.getStrategy()).attempt(attempt);
        if (outcome.emptiesTheSale(quantity)) {
            soldOut.markSoldOut(activityId);
        }
        return outcome;
    }

    private Counter counter(long activityId, PurchaseOutcome outcome) {
        Counter[] counters = outcomes.computeIfAbsent(activityId, id -> new Counter[ErrorCode.values().length + 1]);
        int index = outcome instanceof PurchaseOutcome.Refused refused ? refused.code().ordinal() + 1 : 0;
        Counter counter = counters[index];
        if (counter == null) {
            String code = index == 0 ? ACCEPTED : ((PurchaseOutcome.Refused) outcome).code().name();
            counter = Counter.builder("seckill.purchases").description("Purchase attempts by outcome")
                    .tag("activity", Long.toString(activityId)).tag("outcome", code).register(meters);
            counters[index] = counter; // a race registers the same meter twice: the registry returns the one meter
        }
        return counter;
    }
}
