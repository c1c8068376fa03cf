package io.seckill.order.operations;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Requests that could not be placed after every retry, as the error handler left them on
 * {@code seckill.order-requested.DLT}. Operators list them with the failure and replay one onto the
 * main topic; placement is idempotent, so replaying a request that did become an order changes nothing.
 */
@Component
public class DeadLetteredRequests {

    static final String TOPIC = Topics.deadLetterOf(Topics.ORDER_REQUESTED);
    private static final int MAX_LISTED = 500;

    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> kafka;

    DeadLetteredRequests(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> kafka) {
        this.consumers = consumers;
        this.kafka = kafka;
    }

    public List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        try (Consumer<String, String> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (letters.size() < MAX_LISTED && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(DeadLetter.of(record));
                }
            }
        }
        return letters;
    }

    public DeadLetter replay(int partition, long offset) {
        try (Consumer<String, String> consumer = reader()) {
            TopicPartition topicPartition = new TopicPartition(TOPIC, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, offset);
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(5))) {
                if (record.offset() == offset) {
                    kafka.send(Topics.ORDER_REQUESTED, record.key(), record.value()).get(30, TimeUnit.SECONDS);
                    return DeadLetter.of(record);
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No dead letter at " + partition + "/" + offset + ".");
        } catch (Exception e) {
            throw new ProblemException(ErrorCode.UNAVAILABLE, "Could not replay " + partition + "/" + offset + ": " + e.getMessage());
        }
        throw new ProblemException(ErrorCode.NOT_FOUND, "No dead letter at " + partition + "/" + offset + ".");
    }

    private Consumer<String, String> reader() {
        return consumers.createConsumer("dead-letter-reader-" + UUID.randomUUID(), "ops");
    }

    public record DeadLetter(int partition, long offset, String key, String value, String failure) {

        static DeadLetter of(ConsumerRecord<String, String> record) {
            Header failure = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
            return new DeadLetter(record.partition(), record.offset(), record.key(), record.value(),
                    failure == null ? null : new String(failure.value(), StandardCharsets.UTF_8));
        }
    }
}
