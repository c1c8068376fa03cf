package io.seckill.demo.observe;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import java.util.HashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends accepted purchases to Kafka a second time with the same order id and event id the relay gave
 * them, as a relay re-publishing after a crash would; settlement must treat them as the duplicates they
 * are. Also tells when order-service has consumed everything (its consumer group's lag).
 */
public final class Replay implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrap;
    private final Admin admin;

    public Replay(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        this.admin = Admin.create(config);
    }

    public int resend(long activityId, Map<Long, String> ordersToOwners, BigDecimal unitPrice) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            Instant now = Instant.now();
            ordersToOwners.forEach((orderId, owner) -> producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTED, owner,
                    JSON.writeValueAsString(OrderRequested.of(orderId, owner, activityId, 1, unitPrice, now, now)))));
            producer.flush();
        }
        return ordersToOwners.size();
    }

    /** Messages order-service's placement consumers have not processed yet (-1 if Kafka cannot tell). */
    public long placementLag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Topics.ORDER_PLACEMENT_GROUP)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() != null) lag += ends.get(entry.getKey()).offset() - entry.getValue().offset();
            }
            return lag;
        } catch (Exception e) {
            System.err.println("consumer lag unknown: " + e);
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
