package io.seckill.order.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.Topics;
import io.seckill.order.OrderStack;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A poison message is not retried forever: it lands on the DLT, operators see why, can replay it, and the
 * {@code orders.dead-letters} gauge (what DeadLettersGrowing watches) counts it.
 */
class DeadLetterIT extends OrderStack {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    DeadLetteredRequests deadLetters;

    @Autowired
    DeadLetterGauge gauge;

    @Autowired
    MeterRegistry meters;

    private double gaugedLetters() {
        gauge.refresh();
        return meters.get("orders.dead-letters").gauge().value();
    }

    private List<DeadLetteredRequests.DeadLetter> lettersWithKey(String key) {
        return deadLetters.list().stream().filter(letter -> key.equals(letter.key())).toList();
    }

    @Test
    void aPoisonMessageIsDeadLetteredListedAndReplayable() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        double before = gaugedLetters();
        kafka.send(Topics.ORDER_REQUESTED, key, "{this is not an OrderRequested").get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> lettersWithKey(key).size() == 1);
        DeadLetteredRequests.DeadLetter letter = lettersWithKey(key).get(0);
        assertThat(letter.value()).isEqualTo("{this is not an OrderRequested");
        assertThat(letter.failure()).isNotBlank();
        assertThat(gaugedLetters()).isGreaterThanOrEqualTo(before + 1);

        deadLetters.replay(letter.partition(), letter.offset());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> lettersWithKey(key).size() == 2);
        assertThat(gaugedLetters()).isGreaterThanOrEqualTo(before + 2);
    }
}
