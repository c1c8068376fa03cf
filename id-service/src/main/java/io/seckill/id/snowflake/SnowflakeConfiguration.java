package io.seckill.id.snowflake;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SnowflakeConfiguration {

    /** Injected so tests can move time (roll the clock back, jump ahead). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SnowflakeGenerator snowflakeGenerator(Clock clock, SnowflakeProperties properties, MeterRegistry meters) {
        return new SnowflakeGenerator(clock, System::nanoTime, properties.maxBackwardWait().toMillis(), meters);
    }

    /** "snowflake" in the readiness group: no traffic while every id would be refused. */
    @Bean
    SnowflakeHealthIndicator snowflakeHealthIndicator(SnowflakeGenerator generator) {
        return new SnowflakeHealthIndicator(generator);
    }
}
