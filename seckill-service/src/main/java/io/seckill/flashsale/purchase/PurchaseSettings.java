package io.seckill.flashsale.purchase;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators' purchase settings ({@code seckill.purchase.*}), refreshed live from
 * config/seckill-service.yaml or Nacos. A mutable bean on purpose: Spring Cloud rebinds JavaBean
 * properties on refresh, not records.
 */
@ConfigurationProperties("seckill.purchase")
public class PurchaseSettings {

    /** Global buy switch: off, every purchase is refused as PAUSED while browsing keeps working. */
    private boolean enabled = true;

    /** How long a purchase token stays valid after it is issued. */
    private Duration tokenTtl = Duration.ofSeconds(30);

    /** How the check-and-decrement runs: one Lua script (default), or under a Redisson lock (for comparison). */
    private Strategy strategy = Strategy.LUA;

    /** How long a local sold-out flag answers alone before Redis is asked again (it is also cleared by pub/sub). */
    private Duration soldOutRecheck = Duration.ofSeconds(1);

    /**
     * Sales paused by the operator here (activity ids): refused as PAUSED at the edge, without touching
     * Redis or the shopper's token. The kill switch for one sale; taking the id out of the list resumes it.
     * Kept as a list with the key always present (an empty list is {@code []}): a refresh replaces a list
     * whole, while a key removed from the file would leave the old value bound.
     */
    private volatile Set<Long> pausedActivities = Set.of();

    /**
     * Per-user limits overriding the one a sale was created with, from the next request on. Units already
     * held are never taken back: lowering a limit only stops further purchases by users at or above it.
     */
    private volatile List<LimitOverride> perUserLimits = List.of();
    private volatile Map<Long, Integer> limitByActivity = Map.of();

    /** One override: {@code activity} (id) may be bought up to {@code limit} units per user. */
    public record LimitOverride(long activity, int limit) {
        public LimitOverride {
            if (limit < 1) {
                throw new IllegalArgumentException("seckill.purchase.per-user-limits: limit of " + activity + " must be >= 1");
            }
        }
    }

    public enum Strategy {
        LUA,
        REDISSON_LOCK
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public Strategy getStrategy() {
        return strategy;
    }

    public void setStrategy(Strategy strategy) {
        this.strategy = strategy;
    }

    public Set<Long> getPausedActivities() {
        return pausedActivities;
    }

    public void setPausedActivities(Set<Long> pausedActivities) {
        this.pausedActivities = Set.copyOf(pausedActivities);
    }

    public boolean isPaused(long activityId) {
        return pausedActivities.contains(activityId);
    }

    public List<LimitOverride> getPerUserLimits() {
        return perUserLimits;
    }

    public void setPerUserLimits(List<LimitOverride> perUserLimits) {
        Map<Long, Integer> byActivity = new HashMap<>();
        perUserLimits.forEach(override -> byActivity.put(override.activity(), override.limit()));
        this.perUserLimits = List.copyOf(perUserLimits);
        this.limitByActivity = Map.copyOf(byActivity);
    }

    /** The limit in force for a sale: the operator's override, else the sale's own. */
    public int perUserLimit(long activityId, int salesOwn) {
        return limitByActivity.getOrDefault(activityId, salesOwn);
    }

    public Duration getSoldOutRecheck() {
        return soldOutRecheck;
    }

    public void setSoldOutRecheck(Duration soldOutRecheck) {
        this.soldOutRecheck = soldOutRecheck;
    }
}
