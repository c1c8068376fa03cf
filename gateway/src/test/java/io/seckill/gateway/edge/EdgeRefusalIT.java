package io.seckill.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.SaleSignal;
import io.seckill.common.event.Topics;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.gateway.GatewayClient;
import io.seckill.gateway.GatewayClient.Response;
import io.seckill.gateway.GatewayStack;

import java.io.IOException;
import java.nio.file.Files;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway instances in front of the same seckill-service: this test's own and a second one started
 * from the built jar. Once a sale is sold out each of them refuses its shoppers itself (counted as its own
 * rejection, the request never proxied), and when a unit comes back (a cancelled order) both let shoppers
 * through again at once. The sale-state recheck is a minute here, so only the signal can have cleared them.
 * Reproduces the race a per-instance flag would lose: a unit returned while every door still says sold out.
 */
class EdgeRefusalIT extends GatewayStack {

    private static final Pattern SOLD_OUT_AT_THE_DOOR = Pattern.compile(
            "seckill_gateway_rejections_total\\{[^}]*code=\"SOLD_OUT\"[^}]*route=\"purchase-token\"[^}]*} ([0-9.E]+)");

    @Autowired
    EdgeProperties edge;

    private String shipped;
    private ServiceProcess.Running second;

    @BeforeEach
    void aLongRecheck() throws IOException {
        shipped = Files.readString(CONFIG_FILE);
        Files.writeString(CONFIG_FILE, shipped.replace("sale-state-recheck: 1s", "sale-state-recheck: 60s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.getSaleStateRecheck().equals(Duration.ofSeconds(60)));
        second = ServiceProcess.startDetached("gateway", Map.of(
                "SECKILL_SERVICE_URI", seckillService(), "ORDER_SERVICE_URI", orderService(),
                "SECKILL_GATEWAY_SALESTATERECHECK", "60s"));
    }

    @AfterEach
    void restore() throws IOException {
        if (second != null) {
            second.kill();
        }
        Files.writeString(CONFIG_FILE, shipped);
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.getSaleStateRecheck().equals(Duration.ofSeconds(1)));
    }

    @Test
    void aSoldOutSaleIsRefusedByEveryDoorUntilAUnitComesBackThenByNone() throws Exception {
        GatewayClient first = client();
        GatewayClient other = new GatewayClient(second.baseUrl());
        String sale = first.openSale("edge refusal", 1, 1);
        String buyerName = "shopper-" + ThreadLocalRandom.current().nextInt(1, 25_000);
        String buyer = first.login(buyerName, GatewayClient.SHOPPER_PASSWORD);
        String late = first.login("shopper-" + ThreadLocalRandom.current().nextInt(25_000, 50_000), GatewayClient.SHOPPER_PASSWORD);

        Response issued = first.send("POST", "/api/activities/" + sale + "/purchase-token", buyer, null);
        Response bought = first.send("POST", issued.json().get("purchasePath").asString(), buyer, Map.of("quantity", 1));
        assertThat(bought.status()).as(bought.body()).isEqualTo(202);
        long orderId = Long.parseLong(bought.json().get("orderId").asString());

        // The last unit went: seckill-service signals it, and both doors answer from memory.
        for (GatewayClient door : new GatewayClient[] {first, other}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                double before = soldOutAtTheDoor(door);
                Response refused = door.send("POST", "/api/activities/" + sale + "/purchase-token", late, null);
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.code()).isEqualTo("SOLD_OUT");
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.header(SaleSignal.STATE_HEADER)).as("internal header").isNull();
                assertThat(soldOutAtTheDoor(door)).as("refused by the door itself, not proxied").isGreaterThan(before);
            });
        }

        cancel(orderId, buyerName, Long.parseLong(sale));

        for (GatewayClient door : new GatewayClient[] {other, first}) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    door.send("POST", "/api/activities/" + sale + "/purchase-token", late, null).status())
                    .as("the unit is back: a token is issued, well within the minute of recheck").isEqualTo(200));
        }
        Response again = other.send("POST", "/api/activities/" + sale + "/purchase-token", late, null);
        Response boughtAgain = other.send("POST", again.json().get("purchasePath").asString(), late, Map.of("quantity", 1));
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

    private static double soldOutAtTheDoor(GatewayClient door) {
        Matcher counted = SOLD_OUT_AT_THE_DOOR.matcher(door.send("GET", "/actuator/prometheus", null, null).body());
        double total = 0;
        while (counted.find()) {
            total += Double.parseDouble(counted.group(1));
        }
        return total;
    }
}
