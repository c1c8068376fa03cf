package io.seckill.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.SaleSignal;
import io.seckill.common.event.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateways in front of the same seckill-service, with a sale-state recheck of a minute: once a sale is sold
 * out each refuses its shoppers itself (counted as its own rejection, never proxied), and when a unit comes back
 * (a cancelled order) both let shoppers through again at once: only the signal can have cleared them. The race a
 * per-instance flag would lose: a unit returned while every door still says sold out.
 */
final class SoldOutDoors {

    private static final Pattern SOLD_OUT_AT_THE_DOOR = Pattern.compile(
            "seckill_gateway_rejections_total\\{[^}]*code=\"SOLD_OUT\"[^}]*route=\"purchase-token\"[^}]*} ([0-9.E]+)");

    private SoldOutDoors() {
    }

    static void refuseUntilAUnitComesBackThenLetShoppersThrough(ApiClient first, ApiClient other) throws Exception {
        String sale = OperatorCalls.openSaleNow(first, "edge refusal", 1, 1);
        String buyerName = "shopper-" + ThreadLocalRandom.current().nextInt(1, 25_000);
        String buyer = first.login(buyerName, DemoAccounts.SHOPPER_PASSWORD);
        String late = first.login("shopper-" + ThreadLocalRandom.current().nextInt(25_000, 50_000), DemoAccounts.SHOPPER_PASSWORD);

        ApiClient.Reply issued = first.send("POST", "/api/activities/" + sale + "/purchase-token", buyer, null);
        ApiClient.Reply bought = first.send("POST", issued.json().get("purchasePath").asString(), buyer, Map.of("quantity", 1));
        assertThat(bought.status()).as(bought.body()).isEqualTo(202);
        long orderId = Long.parseLong(bought.json().get("orderId").asString());

        // The last unit went: seckill-service signals it, and both doors answer from memory.
        for (ApiClient door : new ApiClient[] {first, other}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                double before = soldOutAtTheDoor(door);
                ApiClient.Reply refused = door.send("POST", "/api/activities/" + sale + "/purchase-token", late, null);
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.code()).isEqualTo("SOLD_OUT");
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header(SaleSignal.STATE_HEADER)).as("internal header").isNull();
                assertThat(soldOutAtTheDoor(door)).as("refused by the door itself, not proxied").isGreaterThan(before);
            });
        }

        cancel(orderId, buyerName, Long.parseLong(sale));

        for (ApiClient door : new ApiClient[] {other, first}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    door.send("POST", "/api/activities/" + sale + "/purchase-token", late, null).status())
                    .as("door %s: the unit is back: a token is issued, well within the minute of recheck", door.baseUrl()).isEqualTo(200));
        }
        ApiClient.Reply again = other.send("POST", "/api/activities/" + sale + "/purchase-token", late, null);
        ApiClient.Reply boughtAgain = other.send("POST", again.json().get("purchasePath").asString(), late, Map.of("quantity", 1));
        assertThat(boughtAgain.status()).as(boughtAgain.body()).isEqualTo(202);
    }

    /** What order-service announces when it cancels an order: seckill-service gives the unit back. */
    private static void cancel(long orderId, String buyer, long activityId) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            String event = JsonMapper.builder().build().writeValueAsString(OrderLifecycleEvent.of(OrderLifecycleEvent.CANCELLED,
                    orderId, buyer, activityId, 1, "payment timeout", Instant.now()));
            producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS, Long.toString(orderId), event)).get(10, TimeUnit.SECONDS);
        }
    }

    private static double soldOutAtTheDoor(ApiClient door) {
        Matcher counted = SOLD_OUT_AT_THE_DOOR.matcher(door.send("GET", "/actuator/prometheus", null, null).body());
        double total = 0;
        while (counted.find()) {
            total += Double.parseDouble(counted.group(1));
        }
        return total;
    }
}
