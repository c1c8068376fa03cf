package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityCatalog;
import io.seckill.flashsale.relay.RequestTracing;
import io.seckill.flashsale.stock.SoldOutFlags;
import io.seckill.ids.client.SnowflakeIdClient;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * A shopper buys: refused at the edge when it cannot succeed (unknown activity, bad quantity, buying
 * switched off, sold out here already) without touching Redis or the token; otherwise one atomic
 * step in Redis decides, and an accepted purchase is already recorded in the request stream.
 */
@Service
public class PlacingPurchase {

    private final ActivityCatalog catalog;
    private final SoldOutFlags soldOut;
    private final PurchaseSettings settings;
    private final SnowflakeIdClient ids;
    private final Clock clock;
    private final RequestTracing tracing;
    private final Map<PurchaseSettings.Strategy, PurchaseStrategy> strategies = new EnumMap<>(PurchaseSettings.Strategy.class);
    private final MeterRegistry meters;
    private final Timer latency;
    // Looked up once per (activity, outcome), not built and registered on every purchase.
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    PlacingPurchase(ActivityCatalog catalog, SoldOutFlags soldOut, PurchaseSettings settings, SnowflakeIdClient ids,
            Clock clock, List<PurchaseStrategy> strategies, MeterRegistry meters, RequestTracing tracing) {
        this.catalog = catalog;
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
        latency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        count(activityId, outcome);
        return outcome;
    }

    private PurchaseOutcome decide(String userId, long activityId, String token, int quantity) {
        Activity activity = catalog.visible(activityId);
        int limit = settings.perUserLimit(activityId, activity.getPerUserLimit());
        if (quantity < 1 || quantity > limit) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "quantity must be 1.." + limit + " for this sale.");
        }
        if (!settings.isEnabled() || settings.isPaused(activityId)) {
            return new PurchaseOutcome.Refused(ErrorCode.PAUSED);
        }
        if (soldOut.isSoldOut(activityId)) {
            return new PurchaseOutcome.Refused(ErrorCode.SOLD_OUT);
        }
        if (!PurchaseTokens.looksLikeAToken(token)) {
            return new PurchaseOutcome.Refused(ErrorCode.TOKEN_INVALID);
        }
        PurchaseAttempt attempt = new PurchaseAttempt(activityId, userId, token, quantity, ids.nextId(), clock.millis(),
                limit, tracing.currentTraceparent());
        PurchaseOutcome outcome = strategies.get(settings.getStrategy()).attempt(attempt);
        // SOLD_OUT for one unit means none is left; for several it may only mean "fewer than asked".
        if (outcome instanceof PurchaseOutcome.Refused refused && refused.code() == ErrorCode.SOLD_OUT && quantity == 1
                || outcome instanceof PurchaseOutcome.Accepted accepted && accepted.remaining() == 0) {
            soldOut.markSoldOut(activityId);
        }
        return outcome;
    }

    private void count(long activityId, PurchaseOutcome outcome) {
        String code = outcome instanceof PurchaseOutcome.Refused refused ? refused.code().name() : "ACCEPTED";
        outcomes.computeIfAbsent(activityId + "/" + code, key -> Counter.builder("seckill.purchases")
                .description("Purchase attempts by outcome").tag("activity", Long.toString(activityId))
                .tag("outcome", code).register(meters)).increment();
    }
}
