package io.seckill.id.snowflake;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready only while the generator would issue an id. Holding a lease is not enough: with the clock behind
 * the floor of its claim (an hour back, after a restart) or past its reservation it answers every call
 * with 503, and a probe that said UP sent it traffic all the same.
 */
class SnowflakeHealthIndicator implements HealthIndicator {

    private final SnowflakeGenerator generator;

    SnowflakeHealthIndicator(SnowflakeGenerator generator) {
        this.generator = generator;
    }

    @Override
    public Health health() {
        return generator.refusal()
                .map(refused -> Health.outOfService().withDetail("reason", refused.reason())
                        .withDetail("detail", String.valueOf(refused.getBody().getDetail())).build())
                .orElseGet(() -> Health.up().build());
    }
}
