package io.seckill.flashsale.stock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import tools.jackson.core.JacksonException;

/**
 * A stock return that fails (Redis briefly away) is retried until it succeeds: Boot's default error
 * handler would give up after ten quick attempts and commit the offset, and the unit would be lost
 * for sale. Only an unreadable event is skipped (logged) at once, as no retry can fix it.
 */
@Configuration(proxyBeanMethods = false)
class StockReturnRetries {

    @Bean
    DefaultErrorHandler stockReturnErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000); // and no maximum elapsed time: retried for as long as it takes
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.addNotRetryableExceptions(JacksonException.class);
        return handler;
    }
}
