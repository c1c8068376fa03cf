package io.seckill.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/** The Redis pub/sub subscription on which seckill-service's sale signals arrive. */
@Configuration(proxyBeanMethods = false)
class SaleSignalConfiguration {

    @Bean(destroyMethod = "destroy")
    ReactiveRedisMessageListenerContainer saleSignalListener(ReactiveRedisConnectionFactory redis) {
        return new ReactiveRedisMessageListenerContainer(redis);
    }
}
