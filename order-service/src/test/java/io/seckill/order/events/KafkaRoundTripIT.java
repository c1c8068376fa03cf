package io.seckill.order.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.order.OrderStack;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** A record produced with the service's template comes back through a listener on the service's container factory. */
public class KafkaRoundTripIT extends OrderStack {

    // Fixed once: ${random.uuid} would give the listener and the sender different topics.
    public static final String TOPIC = "order-service-it-" + UUID.randomUUID();

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Received received;

    @Test
    void producesAndConsumesThroughTheBroker() throws Exception {
        kafka.send(TOPIC, "order-1", "{\"probe\":true}").get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, String> record = received.records.poll(60, TimeUnit.SECONDS);

        assertThat(record).as("record consumed from " + TOPIC).isNotNull();
        assertThat(record.key()).isEqualTo("order-1");
        assertThat(record.value()).isEqualTo("{\"probe\":true}");
    }

    public static class Received {

        final BlockingQueue<ConsumerRecord<String, String>> records = new LinkedBlockingQueue<>();

        /** Created by KafkaAdmin at start-up, before listeners subscribe (as the services declare theirs). */
        @Bean
        NewTopic itTopic() {
            return TopicBuilder.name(TOPIC).partitions(1).replicas(1).build();
        }

        @KafkaListener(topics = "${it.topic}", groupId = "${it.topic}")
        void on(ConsumerRecord<String, String> record) {
            records.add(record);
        }
    }
}
