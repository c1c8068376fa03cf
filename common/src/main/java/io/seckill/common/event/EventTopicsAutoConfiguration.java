package io.seckill.common.event;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The platform's topics, declared once for every service that uses Kafka: KafkaAdmin creates them at
 * start-up, before any listener subscribes (a listener on a missing topic sees it only after a metadata
 * refresh). Twelve partitions leave room to scale consumers; every service agrees on them.
 */
@AutoConfiguration
@ConditionalOnClass({NewTopic.class, TopicBuilder.class})
public class EventTopicsAutoConfiguration {

    static final int PARTITIONS = 12;

    @Bean
    NewTopic orderRequestedTopic() {
        return TopicBuilder.name(Topics.ORDER_REQUESTED).partitions(PARTITIONS).replicas(1).build();
    }

    @Bean
    NewTopic orderRequestedDeadLetterTopic() {
        return TopicBuilder.name(Topics.deadLetterOf(Topics.ORDER_REQUESTED)).partitions(PARTITIONS).replicas(1).build();
    }

    @Bean
    NewTopic orderEventsTopic() {
        return TopicBuilder.name(Topics.ORDER_EVENTS).partitions(PARTITIONS).replicas(1).build();
    }
}
