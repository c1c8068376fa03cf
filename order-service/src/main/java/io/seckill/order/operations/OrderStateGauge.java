package io.seckill.order.operations;

import io.seckill.order.orders.OrderStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code orders.in.state{state}}: how many orders are in each state, counted in the database every few
 * seconds (one GROUP BY on an indexed column) so that a scrape never queries MySQL and every instance
 * reports the same truth. Prometheus takes {@code max by (state)} across instances.
 */
@Component
class OrderStateGauge {

    private final JdbcTemplate jdbc;
    private final Map<OrderStatus, AtomicLong> counts = new EnumMap<>(OrderStatus.class);

    OrderStateGauge(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        for (OrderStatus status : OrderStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("orders.in.state", count, AtomicLong::get).tag("state", status.name())
                    .description("Orders in this state (all activities)").register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${seckill.settlement.state-gauge-interval:5s}")
    void refresh() {
        Map<OrderStatus, Long> fresh = new EnumMap<>(OrderStatus.class);
        jdbc.query("SELECT status, COUNT(*) FROM orders GROUP BY status",
                (RowCallbackHandler) row -> fresh.put(OrderStatus.valueOf(row.getString(1)), row.getLong(2)));
        counts.forEach((status, count) -> count.set(fresh.getOrDefault(status, 0L)));
    }
}
