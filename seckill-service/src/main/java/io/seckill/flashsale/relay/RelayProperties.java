package io.seckill.flashsale.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stream-to-Kafka relay ({@code seckill.relay.*}), read at start-up.
 *
 * @param batchSize      entries read (and published) per stream per round
 * @param pollInterval   pause when every stream was empty
 * @param claimIdle      an entry delivered to a consumer but not acknowledged for this long is taken
 *                       over (XAUTOCLAIM): its consumer is presumed dead
 * @param claimInterval  how often this instance looks for such entries
 * @param maxDeliveries  an entry delivered this many times without success goes to the dead letters
 */
@ConfigurationProperties("seckill.relay")
public record RelayProperties(Integer batchSize, Duration pollInterval, Duration claimIdle, Duration claimInterval,
        Integer maxDeliveries) {

    public RelayProperties {
        batchSize = batchSize == null ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMillis(20) : pollInterval;
        claimIdle = claimIdle == null ? Duration.ofSeconds(30) : claimIdle;
        claimInterval = claimInterval == null ? Duration.ofSeconds(5) : claimInterval;
        maxDeliveries = maxDeliveries == null ? 5 : maxDeliveries;
    }
}
