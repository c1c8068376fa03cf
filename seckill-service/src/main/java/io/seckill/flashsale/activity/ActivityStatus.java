package io.seckill.flashsale.activity;

/** An activity's lifecycle as the operator drives it; whether it is open now also depends on its window. */
public enum ActivityStatus {
    DRAFT,
    PUBLISHED,
    PAUSED,
    ENDED
}
