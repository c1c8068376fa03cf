package io.seckill.order.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.InventoryLedgers;
import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.order.OrderStack;
import io.seckill.order.Settlements;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * Issue 16, "the consumer trusts the topic": a record for an ended sale became an order holding a unit.
     * Records outside the sale's window (before its start, after its end, after the operator ended it early)
     * or above its per-user limit now go to the DLT at once with the reason; the ledger and orders are unchanged,
     * and a valid record of the same sale is still placed.
     */
    @Test
    void aRequestOutsideTheSalesTermsIsDeadLetteredAndNothingIsWritten() throws Exception {
        Instant now = Instant.now();
        long ended = sales.openSale(5, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), 2);
        long future = sales.openSale(5, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), 2);
        long live = sales.openSale(5, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), 2);
        long endedEarly = sales.openSale(5, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), 2);
        new InventoryLedgers(ServiceProcess.baseUrl("inventory-service")).end(endedEarly, now.minus(Duration.ofMinutes(1)));

        Map<String, String> keyToReason = new java.util.LinkedHashMap<>();
        send(Settlements.requests(ended, 1).get(0), "ended", "outside the window", keyToReason);
        send(Settlements.requests(future, 1).get(0), "future", "outside the window", keyToReason);
        send(Settlements.requests(endedEarly, 1).get(0), "ended-early", "outside the window", keyToReason);
        OrderRequested greedy = Settlements.requests(live, 1).get(0);
        send(OrderRequested.of(greedy.orderId(), greedy.userId(), live, 3, greedy.unitPrice(), greedy.requestedAt(), now),
                "greedy", "above the per-user limit 2", keyToReason);
        OrderRequested fair = Settlements.requests(live, 2).get(1);
        sales.publish(List.of(OrderRequested.of(fair.orderId(), fair.userId(), live, 2, fair.unitPrice(), fair.requestedAt(), now)));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> keyToReason.keySet().stream().allMatch(key -> lettersWithKey(key).size() == 1)
                        && sales.count(live, OrderStatus.CREATED) == 1);
        keyToReason.forEach((key, reason) -> assertThat(lettersWithKey(key).get(0).failure()).as(key).contains(reason));
        for (long sale : List.of(ended, future, endedEarly)) {
            assertThat(sales.all(sale)).as("orders of sale %d", sale).isZero();
            assertThat(sales.ledger(sale).get("available")).isEqualTo(5);
        }
        assertThat(sales.all(live)).as("only the fair request became an order").isEqualTo(1);
        assertThat(sales.ledger(live).get("available")).isEqualTo(3);
    }

    /**
     * Issue 16: an inventory 400 was retried for about 120 s, stalling the partitions behind it. A request whose
     * hold inventory refuses as invalid (here more units than one hold may take, under terms that allow them) now
     * goes to the DLT at once with inventory's reason, and the other requests of its sale are placed.
     */
    @Test
    void aRequestInventoryRefusesIsDeadLetteredAtOnceAndTheRestOfItsSaleIsPlaced() throws Exception {
        Instant now = Instant.now();
        long sale = sales.openSale(500, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), 1_000);
        List<OrderRequested> requests = Settlements.requests(sale, 3);
        OrderRequested huge = requests.get(1);
        Map<String, String> keyToReason = new java.util.LinkedHashMap<>();
        sales.publish(List.of(requests.get(0), requests.get(2)));
        send(OrderRequested.of(huge.orderId(), huge.userId(), sale, 101, huge.unitPrice(), huge.requestedAt(), now),
                "huge", "inventory refused to hold", keyToReason);

        String key = keyToReason.keySet().iterator().next();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lettersWithKey(key).size() == 1 && sales.count(sale, OrderStatus.CREATED) == 2);
        assertThat(lettersWithKey(key).get(0).failure()).contains("inventory refused to hold");
        assertThat(sales.all(sale)).isEqualTo(2);
        assertThat(sales.ledger(sale).get("available")).isEqualTo(498);
    }

    private void send(OrderRequested request, String name, String reason, Map<String, String> keyToReason) throws Exception {
        String key = name + "-" + UUID.randomUUID();
        keyToReason.put(key, reason);
        kafka.send(Topics.ORDER_REQUESTED, key, json.writeValueAsString(request)).get(10, TimeUnit.SECONDS);
    }
}
