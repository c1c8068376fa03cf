package io.seckill.flashsale.sale;

import java.math.BigDecimal;
import java.time.Instant;

/** What Redis needs to know of a sale to run its purchases: its window, limit, pause, price and stock. */
public record SaleDefinition(long activityId, Instant startAt, Instant endAt, int perUserLimit, boolean paused,
        BigDecimal price, int stock) {
}
