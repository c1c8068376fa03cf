package io.seckill.id.snowflake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clock guard ({@code ids.snowflake.*}).
 *
 * @param maxBackwardWait a clock step back up to this long is waited out; a larger one is refused
 *                        with 503 until the clock catches up (default 5 ms)
 */
@ConfigurationProperties("ids.snowflake")
public record SnowflakeProperties(Duration maxBackwardWait) {

    public SnowflakeProperties {
        maxBackwardWait = maxBackwardWait == null ? Duration.ofMillis(5) : maxBackwardWait;
    }
}
