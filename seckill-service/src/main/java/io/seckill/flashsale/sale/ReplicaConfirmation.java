package io.seckill.flashsale.sale;

import java.time.Duration;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a write that a failover must not forget waits for ({@code seckill.sale.replicas.*}, read at start-up).
 * Redis replicates asynchronously: a purchase acknowledged by a master that dies before its replica has it is
 * forgotten by the replica that takes over, and the unit is sold twice. With {@code confirmations} above 0 such
 * a write is sent as a Redisson batch that ends with {@code WAIT confirmations timeout} on the same connection;
 * a write fewer replicas confirmed in time is not acknowledged (a purchase is answered PURCHASE_UNCONFIRMED,
 * a stock return or a relayed request is retried).
 *
 * @param confirmations replicas that must hold a write before it counts; 0 (one Redis node) counts the master's answer
 * @param timeout       how long WAIT may block for them
 */
@ConfigurationProperties("seckill.sale.replicas")
public record ReplicaConfirmation(int confirmations, Duration timeout) {

    public ReplicaConfirmation {
        if (confirmations < 0 || confirmations > 5) {
            throw new IllegalArgumentException("seckill.sale.replicas.confirmations must be 0..5, was " + confirmations);
        }
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            // WAIT with 0 blocks forever: a replica that never answers would hang every purchase.
            throw new IllegalArgumentException("seckill.sale.replicas.timeout must be > 0, was " + timeout);
        }
    }

    public boolean required() {
        return confirmations > 0;
    }

    /** {@code options} ending with {@code WAIT} for the replicas asked for (unchanged when none are). */
    public BatchOptions applyTo(BatchOptions options) {
        return required() ? options.sync(confirmations, timeout) : options;
    }

    /** Whether a batch run with {@link #applyTo} options reached the replicas asked for. */
    public boolean confirmedBy(BatchResult<?> done) {
        return !required() || done.getSyncedSlaves() >= confirmations;
    }
}
