package io.seckill.flashsale.stock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import io.seckill.flashsale.sale.ActiveSales;
import io.seckill.flashsale.sale.SaleKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code seckill.stock.remaining{activity}}: the Redis counter of every sale that has a request stream
 * (the relay's active set) and has not ended more than {@link #AFTER_END} ago, read every few seconds
 * rather than per scrape so a scrape never waits on Redis. A negative value would be an oversell and
 * fires the {@code Oversell} alert. Sales long over drop out, which keeps the series count bounded.
 */
@Component
class RemainingStockGauge {

    static final Duration AFTER_END = Duration.ofHours(1);

    private final RedissonClient redisson;
    private final ActiveSales active;
    private final Clock clock;
    private final MultiGauge remaining;

    RemainingStockGauge(RedissonClient redisson, ActiveSales active, Clock clock, MeterRegistry meters) {
        this.redisson = redisson;
        this.active = active;
        this.clock = clock;
        this.remaining = MultiGauge.builder("seckill.stock.remaining")
                .description("Units left in the Redis counter of a sale").register(meters);
    }

    @Scheduled(fixedDelayString = "${seckill.sale.stock-gauge-interval:5s}")
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long reportedUntil = clock.millis() - AFTER_END.toMillis();
        for (long activityId : active.ids()) {
            String id = Long.toString(activityId);
            SaleKeys keys = new SaleKeys(activityId);
            Object end = redisson.<String, String>getMap(keys.meta(), StringCodec.INSTANCE).get("end");
            if (end == null || Long.parseLong(end.toString()) < reportedUntil) {
                continue;
            }
            Object units = redisson.getBucket(keys.stock(), StringCodec.INSTANCE).get();
            if (units != null) {
                rows.add(MultiGauge.Row.of(Tags.of("activity", id), Long.parseLong(units.toString())));
            }
        }
        // overwrite: sales that left the active set stop being reported
        remaining.register(rows, true);
    }
}
