package io.seckill.flashsale.activity;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.SaleSignal;
import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleSignals;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * The read side of activities. Definitions and remaining counts are cached for one second: a flash
 * crowd refreshing the list costs one query a second, and what it sees lags by at most that. A sale an
 * operator changed (on any instance) is forgotten at once.
 */
@Component
public class ActivityCatalog {

    private static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final ActivityMapper activities;
    private final RedissonClient redisson;
    private final Clock clock;
    private final LoadingCache<Long, Optional<Activity>> byId;
    private final LoadingCache<Boolean, List<Activity>> visible;
    private final LoadingCache<Long, Optional<Integer>> remaining;

    ActivityCatalog(ActivityMapper activities, RedissonClient redisson, Clock clock, SaleSignals signals) {
        this.activities = activities;
        this.redisson = redisson;
        this.clock = clock;
        this.byId = Caffeine.newBuilder().expireAfterWrite(FRESHNESS).maximumSize(10_000)
                .build(id -> Optional.ofNullable(activities.selectById(id)));
        this.visible = Caffeine.newBuilder().expireAfterWrite(FRESHNESS).build(ignored -> loadVisible());
        this.remaining = Caffeine.newBuilder().expireAfterWrite(FRESHNESS).maximumSize(10_000).build(this::loadRemaining);
        signals.listen(signal -> {
            if (signal.kind() == SaleSignal.Kind.CHANGED) {
                forget(signal.activityId());
            }
        });
    }

    /** An activity shoppers may see: published, paused or ended; never a draft. */
    public Activity visible(long activityId) {
        return byId.get(activityId).filter(a -> a.getStatus() != ActivityStatus.DRAFT)
                .orElseThrow(() -> notFound(activityId));
    }

    /** The visible activity if this instance has it in memory now; never a query (for refusals before the caller is known). */
    public Optional<Activity> visibleInMemory(long activityId) {
        Optional<Activity> cached = byId.getIfPresent(activityId);
        return cached == null ? Optional.empty() : cached.filter(a -> a.getStatus() != ActivityStatus.DRAFT);
    }

    /** Any activity, drafts included: for operators. */
    public Activity any(long activityId) {
        return Optional.ofNullable(activities.selectById(activityId)).orElseThrow(() -> notFound(activityId));
    }

    public ActivityView view(Activity activity) {
        return ActivityView.of(activity, remaining.get(activity.getActivityId()).orElse(null), clock.instant());
    }

    /** Live and upcoming sales, soonest first. */
    public List<ActivityView> liveAndUpcoming() {
        return visible.get(Boolean.TRUE).stream().map(this::view).toList();
    }

    public void forget(long activityId) {
        byId.invalidate(activityId);
        visible.invalidateAll();
        remaining.invalidate(activityId);
    }

    private List<Activity> loadVisible() {
        return activities.selectList(new LambdaQueryWrapper<Activity>()
                        .in(Activity::getStatus, ActivityStatus.PUBLISHED, ActivityStatus.PAUSED)
                        .gt(Activity::getEndAt, clock.instant()))
                .stream().sorted(Comparator.comparing(Activity::getStartAt)).toList();
    }

    private Optional<Integer> loadRemaining(long activityId) {
        String value = redisson.<String>getBucket(new SaleKeys(activityId).stock(), StringCodec.INSTANCE).get();
        return Optional.ofNullable(value).map(Integer::valueOf);
    }

    /** Unknown to shoppers: the gateway may answer the next requests for this id itself for a moment. */
    private static ProblemException notFound(long activityId) {
        return new ProblemException(ErrorCode.NOT_FOUND, "No activity " + activityId + ".")
                .withHeader(SaleSignal.STATE_HEADER, ErrorCode.NOT_FOUND.name());
    }
}
