package io.seckill.flashsale.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** The service's idempotent, acks=all producer publishes to the real broker; a consumer reads it back. */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS, StackServer.KAFKA})
@SpringBootTest
class KafkaPublishIT {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Test
    void publishesWithAcksAllAndReadsBack() throws Exception {
        String topic = "seckill-service-it-" + UUID.randomUUID();

        SendResult<String, String> sent = kafka.send(topic, "user-7", "{\"probe\":1}").get(30, TimeUnit.SECONDS);

        assertThat(sent.getRecordMetadata().hasOffset()).isTrue();
        try (Consumer<String, String> consumer = consumers.createConsumer(topic, "it")) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> record = pollOne(consumer);
            assertThat(record.key()).isEqualTo("user-7");
            assertThat(record.value()).isEqualTo("{\"probe\":1}");
        }
    }

    private static ConsumerRecord<String, String> pollOne(Consumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records.iterator().next();
            }
        }
        throw new AssertionError("no record consumed within 60s");
    }
}
