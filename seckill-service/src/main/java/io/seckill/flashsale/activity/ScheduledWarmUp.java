package io.seckill.flashsale.activity;

import io.seckill.flashsale.stock.SaleProperties;
import io.seckill.flashsale.stock.WarmingUp;

import java.time.Clock;
import java.time.Instant;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every instance looks; the per-activity lock lets one of them load each activity before its start. */
@Component
class ScheduledWarmUp {

    private final ActivityMapper activities;
    private final WarmingUp warmingUp;
    private final SaleProperties properties;
    private final Clock clock;

    ScheduledWarmUp(ActivityMapper activities, WarmingUp warmingUp, SaleProperties properties, Clock clock) {
        this.activities = activities;
        this.warmingUp = warmingUp;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${seckill.sale.warm-up-interval:5s}")
    void warmUpWhatStartsSoon() {
        Instant now = clock.instant();
        for (Activity activity : activities.selectList(new LambdaQueryWrapper<Activity>()
                .in(Activity::getStatus, ActivityStatus.PUBLISHED, ActivityStatus.PAUSED)
                .le(Activity::getStartAt, now.plus(properties.warmUpLead()))
                .gt(Activity::getEndAt, now))) {
            if (!warmingUp.isWarm(activity.getActivityId())) {
                warmingUp.warmUp(activity.definition());
            }
        }
    }
}
