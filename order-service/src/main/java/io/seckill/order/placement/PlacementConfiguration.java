package io.seckill.order.placement;

import io.seckill.common.event.Topics;

import java.time.Clock;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

import tools.jackson.core.JacksonException;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlacementConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Explicit destination: Spring Kafka 4 defaults to {@code <topic>-dlt}; the platform's contract is {@code <topic>.DLT}. */
    @Bean
    DeadLetterPublishingRecoverer placementDeadLetters(KafkaTemplate<String, String> kafka) {
        return new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
    }

    /**
     * Requests not placed yet are delivered again with backoff for longer than a global transaction can stay
     * open, so a request whose earlier attempt is still PENDING is retried after the TC finished it; then it
     * goes to the DLT (same partition). Unparseable or invalid messages go there at once.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer deadLetters, SettlementProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(properties.globalTimeout().multipliedBy(4).toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, IllegalArgumentException.class);
        return handler;
    }
}
