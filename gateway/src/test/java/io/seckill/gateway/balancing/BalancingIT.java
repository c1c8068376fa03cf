package io.seckill.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.gateway.GatewayStack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of two real seckill-service instances: it spreads requests across both; when one is
 * killed -9 the requests it would have had go to the other (refused connections are retried there, nothing sent
 * twice), and when one stops answering its health check (frozen) it gets no requests until it answers again.
 */
class BalancingIT extends GatewayStack {

    private static ServiceProcess.Running second;

    @DynamicPropertySource
    static void twoSeckillInstances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.seckill-service[0].uri", GatewayStack::seckillService);
        registry.add("spring.cloud.discovery.client.simple.instances.seckill-service[1].uri", () -> secondInstance().baseUrl());
    }

    private static synchronized ServiceProcess.Running secondInstance() {
        if (second == null) {
            second = ServiceProcess.startDetached("seckill-service", Map.of(
                    "ID_SERVICE_URI", ServiceProcess.baseUrl("id-service"),
                    "INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service"),
                    "ORDER_SERVICE_URI", orderService(),
                    // This instance is killed: its order-event partitions must not wait out the default 45 s session
                    // before the first instance takes them, for the tests that run after this one.
                    "SPRING_APPLICATION_JSON", "{\"spring.kafka.consumer.properties.session.timeout.ms\":\"10000\","
                            + "\"spring.kafka.consumer.properties.heartbeat.interval.ms\":\"3000\"}"));
        }
        return second;
    }

    @AfterAll
    static void stopSecond() {
        if (second != null && second.process().isAlive()) {
            thaw(second);
            second.kill();
        }
    }

    @Test
    void requestsSpreadOverBothAndAFrozenThenAKilledInstanceIsRoutedAround() throws Exception {
        ApiClient gateway = client();
        String shopper = gateway.login("alice", DemoAccounts.SHOPPER_PASSWORD);
        String sale = OperatorCalls.openSaleNow(gateway, "Balanced sale", 100, 1);
        ServiceProcess.Running b = secondInstance();
        String a = seckillService();

        long aBefore = listings(a);
        long bBefore = listings(b.baseUrl());
        assertThat(listSales(gateway, 20)).as("answers while both run").containsOnly(200);
        assertThat(listings(a) - aBefore).as("listings served by the first instance").isBetween(5L, 15L);
        assertThat(listings(b.baseUrl()) - bBefore).as("listings served by the second").isBetween(5L, 15L);

        signal("STOP", b); // alive, port open, but its readiness no longer answers
        try {
            Thread.sleep(5_000); // the next health check (every 2 s, timing out after 2 s) finds it silent
            long started = System.nanoTime();
            assertThat(listSales(gateway, 20)).as("answers while the second is frozen").containsOnly(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("none waited on the frozen instance")
                    .isLessThan(Duration.ofSeconds(8));
        } finally {
            thaw(b);
        }
        Thread.sleep(5_000);
        bBefore = listings(b.baseUrl());
        assertThat(listSales(gateway, 20)).containsOnly(200);
        assertThat(listings(b.baseUrl()) - bBefore).as("the thawed instance is back in rotation").isPositive();

        b.kill();
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(gateway.send("POST", "/api/activities/" + sale + "/purchase-token", shopper, null).status());
            Thread.sleep(50);
        }
        // Sent right after the kill: a refused connection is retried on the live instance (the request never left).
        assertThat(tokens).as("purchase tokens asked for after the second instance died").containsOnly(200);
    }

    private static List<Integer> listSales(ApiClient gateway, int times) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(gateway.send("GET", "/api/activities", null, null).status());
        }
        return statuses;
    }

    private static final Pattern LISTINGS = Pattern.compile(
            "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*uri=\"/api/activities\"[^}]*} (\\d+)");

    /** How many sale listings an instance has served: its own Prometheus counter. */
    private static long listings(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher counted = LISTINGS.matcher(scrape.body());
        long total = 0;
        while (counted.find()) {
            total += Long.parseLong(counted.group(1));
        }
        return total;
    }

    private static void thaw(ServiceProcess.Running instance) {
        signal("CONT", instance);
    }

    private static void signal(String signal, ServiceProcess.Running instance) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(instance.process().pid())).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
