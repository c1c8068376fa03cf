package io.seckill.order.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.Topics;
import io.seckill.order.OrderStack;
import io.seckill.order.Settlements;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * A poison message is not retried forever: it lands on the DLT, operators see why, can replay it, and the
 * {@code orders.dead-letters} gauge (what DeadLettersGrowing watches) counts it.
 */
class DeadLetterIT extends OrderStack {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Settlements sales;

    @Autowired
    JsonMapper json;

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

    /**
     * Issue 16, "the consumer trusts the topic": a request for a sale nobody published (no ledger) was
     * placed as a FAILED order, and one without requestedAt was placed and then threw after commit. Each
     * now goes to the DLT at once, with its reason, before any order row is written.
     */
    @Test
    void aRequestForAnUnknownSaleOrWithoutItsTimeIsDeadLetteredAndNothingIsWritten() throws Exception {
        long unknownSale = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 50, 1L << 60);
        long knownSale = sales.openSale(5);
        io.seckill.common.event.OrderRequested stranger = Settlements.requests(unknownSale, 1).get(0);
        io.seckill.common.event.OrderRequested timeless = Settlements.requests(knownSale, 1).get(0);
        String strangerKey = "stranger-" + UUID.randomUUID();
        String timelessKey = "timeless-" + UUID.randomUUID();
        kafka.send(Topics.ORDER_REQUESTED, strangerKey, json.writeValueAsString(stranger)).get(10, TimeUnit.SECONDS);
        kafka.send(Topics.ORDER_REQUESTED, timelessKey, json.writeValueAsString(timeless)
                .replaceAll(",\"requestedAt\":\"[^\"]+\"", "")).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lettersWithKey(strangerKey).size() == 1 && lettersWithKey(timelessKey).size() == 1);
        assertThat(lettersWithKey(strangerKey).get(0).failure()).contains("no sale this platform published");
        assertThat(lettersWithKey(timelessKey).get(0).failure()).contains("not a valid OrderRequested");
        assertThat(sales.all(unknownSale)).as("orders of the unknown sale").isZero();
        assertThat(sales.all(knownSale)).as("orders of the timeless request").isZero();
        assertThat(sales.ledger(knownSale).get("available")).isEqualTo(5);
    }
}
