package io.seckill.flashsale;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import io.seckill.common.event.Topics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SaleConfiguration {

    /** Injected wherever time decides (sale windows, token expiry), so tests can move it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Created before listeners subscribe; 12 partitions leave room to scale order-service consumers. */
    @Bean
    NewTopic orderRequestedTopic() {
        return TopicBuilder.name(Topics.ORDER_REQUESTED).partitions(12).replicas(1).build();
    }

    @Bean
    NewTopic orderEventsTopic() {
        return TopicBuilder.name(Topics.ORDER_EVENTS).partitions(12).replicas(1).build();
    }
}
