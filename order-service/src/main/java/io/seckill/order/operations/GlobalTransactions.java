package io.seckill.order.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code orders.global.transactions{kind, outcome}}: Seata global transactions this service began, by
 * what they were for ({@code placement}: TCC, {@code cancellation}: Saga) and how they ended. One name for
 * both so the platform dashboard shows every transaction the TC coordinated for us in one panel.
 */
public final class GlobalTransactions {

    private GlobalTransactions() {
    }

    public static Counter counter(MeterRegistry meters, String kind, String outcome) {
        return Counter.builder("orders.global.transactions").tag("kind", kind).tag("outcome", outcome)
                .description("Seata global transactions begun by order-service, by outcome").register(meters);
    }
}
