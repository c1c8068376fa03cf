package io.seckill.flashsale.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stream-to-Kafka relay ({@code seckill.relay.*}), live: a change in config/seckill-service.yaml or
 * Nacos applies from the relay's next round. A mutable bean on purpose: Spring Cloud rebinds JavaBean
 * properties on refresh, not records. The relay reads each value when it uses it.
 */
@ConfigurationProperties("seckill.relay")
public class RelayProperties {

    /** Entries read (and published) per stream per round. */
    private int batchSize = 200;

    /** Pause when every stream was empty. */
    private Duration pollInterval = Duration.ofMillis(20);

    /** A stream found empty is read again after a pause doubling from poll-interval up to this. */
    private Duration idlePollIntervalMax = Duration.ofMillis(500);

    /** An entry delivered to a consumer but not acknowledged for this long is taken over: its consumer is presumed dead. */
    private Duration claimIdle = Duration.ofSeconds(30);

    /** How often this instance looks for such entries. */
    private Duration claimInterval = Duration.ofSeconds(5);

    /** An entry delivered this many times without success goes to the dead letters. */
    private int maxDeliveries = 5;

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("seckill.relay.batch-size must be 1..10000, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getIdlePollIntervalMax() {
        return idlePollIntervalMax;
    }

    public void setIdlePollIntervalMax(Duration idlePollIntervalMax) {
        this.idlePollIntervalMax = idlePollIntervalMax;
    }

    public Duration getClaimIdle() {
        return claimIdle;
    }

    public void setClaimIdle(Duration claimIdle) {
        this.claimIdle = claimIdle;
    }

    public Duration getClaimInterval() {
        return claimInterval;
    }

    public void setClaimInterval(Duration claimInterval) {
        this.claimInterval = claimInterval;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }
}
