package io.seckill.inventory.ledger;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code inventory.stock{activity, bucket}}: the ledger of record of the most recent sales, bucket by
 * bucket (total, available, frozen, reserved, sold), read every few seconds. It is what the
 * {@code Oversell} alert compares: sold + reserved + frozen must never exceed total. Bounded to the
 * {@code seckill.ledger.gauge-activities} ledgers moved most recently, so old sales do not grow the series
 * count (by time, not by id: an activity id says nothing about when its sale runs).
 */
@Component
class LedgerGauge {

    private static final String[] BUCKETS = {"total", "available", "frozen", "reserved", "sold"};

    private final JdbcTemplate jdbc;
    private final MultiGauge stock;
    private final int activities;

    LedgerGauge(JdbcTemplate jdbc, MeterRegistry meters,
            @Value("${seckill.ledger.gauge-activities:20}") int activities) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.stock = MultiGauge.builder("inventory.stock").description("Units of a sale per ledger bucket").register(meters);
    }

    @Scheduled(fixedDelayString = "${seckill.ledger.gauge-interval:5s}")
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        jdbc.query("SELECT activity_id, total, available, frozen, reserved, sold FROM stock_ledger"
                + " ORDER BY updated_at DESC, activity_id DESC LIMIT ?", (RowCallbackHandler) row -> {
                    String activity = Long.toString(row.getLong(1));
                    for (int i = 0; i < BUCKETS.length; i++) {
                        rows.add(MultiGauge.Row.of(Tags.of("activity", activity, "bucket", BUCKETS[i]), row.getLong(i + 2)));
                    }
                }, activities);
        stock.register(rows, true);
    }
}
