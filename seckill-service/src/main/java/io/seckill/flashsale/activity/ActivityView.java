package io.seckill.flashsale.activity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What shoppers and operators see of an activity. The id is a string (a 64-bit id does not fit a
 * JavaScript number); {@code remaining} comes from the live Redis counter and may lag by a second.
 */
public record ActivityView(String id, String sku, String title, BigDecimal price, int stock, int perUserLimit,
        Instant startAt, Instant endAt, ActivityStatus status, String phase, Integer remaining) {

    static ActivityView of(Activity activity, Integer remaining, Instant now) {
        return new ActivityView(Long.toString(activity.getActivityId()), activity.getSku(), activity.getTitle(),
                activity.getPrice(), activity.getStock(), activity.getPerUserLimit(), activity.getStartAt(),
                activity.getEndAt(), activity.getStatus(), phase(activity, remaining, now), remaining);
    }

    /** UPCOMING, LIVE, SOLD_OUT, PAUSED, ENDED or DRAFT: what a storefront shows. */
    private static String phase(Activity activity, Integer remaining, Instant now) {
        return switch (activity.getStatus()) {
            case DRAFT -> "DRAFT";
            case ENDED -> "ENDED";
            case PAUSED -> "PAUSED";
            case PUBLISHED -> now.isBefore(activity.getStartAt()) ? "UPCOMING"
                    : !now.isBefore(activity.getEndAt()) ? "ENDED"
                    : remaining != null && remaining <= 0 ? "SOLD_OUT" : "LIVE";
        };
    }
}
