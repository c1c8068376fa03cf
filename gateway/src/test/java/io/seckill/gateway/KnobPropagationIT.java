package io.seckill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operator knobs reach every running instance without a restart: the platform (gateway, two
 * seckill-service instances, order- and inventory-service) runs as real processes on one scratch
 * copy of {@code config/}, the local stand-in for Nacos; each knob of docs/RUNBOOK.md is changed in its
 * file, and the test measures the time until every instance reports the new value on
 * {@code /actuator/configprops} or {@code /actuator/loggers}. The times are printed (the runbook promises
 * under 2 s; a test asserts no timing, only that the change arrives, within a generous deadline).
 */
@RequiresStack({StackServer.REDIS, StackServer.MYSQL, StackServer.KAFKA, StackServer.SEATA})
class KnobPropagationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static Path config;
    private static final Map<String, List<ServiceProcess.Running>> INSTANCES = new HashMap<>();

    @BeforeAll
    static void startThePlatformOnAScratchConfig() throws Exception {
        Path repo = Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();
        config = Files.createTempDirectory("knobs-config");
        try (var files = Files.list(repo.resolve("config"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        Map<String, String> env = Map.of("SECKILL_CONFIG_DIR", config.toString());
        // Two at a time: more JVMs starting at once on a 2-core machine outlast each one's start timeout.
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            Map<String, List<CompletableFuture<ServiceProcess.Running>>> futures = new HashMap<>();
            for (String module : List.of("seckill-service", "seckill-service", "gateway", "order-service", "inventory-service")) {
                futures.computeIfAbsent(module, m -> new ArrayList<>())
                        .add(CompletableFuture.supplyAsync(() -> ServiceProcess.startDetached(module, env), starting));
            }
            for (Map.Entry<String, List<CompletableFuture<ServiceProcess.Running>>> entry : futures.entrySet()) {
                for (CompletableFuture<ServiceProcess.Running> future : entry.getValue()) {
                    INSTANCES.computeIfAbsent(entry.getKey(), m -> new ArrayList<>()).add(future.join());
                }
            }
        } finally {
            starting.shutdown();
        }
    }

    @AfterAll
    static void stopThem() {
        INSTANCES.values().forEach(list -> list.forEach(running -> running.process().destroy()));
    }

    @Test
    void everyKnobReachesEveryInstanceWithoutARestart() throws Exception {
        List<String> report = new ArrayList<>();
        report.add(change("seckill-service", "paused-activities: []", "paused-activities: [42]",
                "/actuator/configprops/seckill.purchase", "\"pausedActivities\":[42]"));
        report.add(change("seckill-service", "per-user-limits: []", "per-user-limits: [{activity: 42, limit: 3}]",
                "/actuator/configprops/seckill.purchase", "\"limit\":3"));
        report.add(change("seckill-service", "enabled: true           # (live) global buy switch",
                "enabled: false          # (live) global buy switch", "/actuator/configprops/seckill.purchase", "\"enabled\":false"));
        report.add(change("seckill-service", "batch-size: 200", "batch-size: 50",
                "/actuator/configprops/seckill.relay", "\"batchSize\":50"));
        report.add(change("order-service", "payment-timeout: 15m", "payment-timeout: 20m",
                "/actuator/configprops/seckill.settlement", "\"paymentTimeout\":\"PT20M\""));
        report.add(change("gateway", "replenish-rate: 10    # tokens per second", "replenish-rate: 12    # tokens per second",
                "/actuator/configprops/seckill.gateway", "\"replenishRate\":12"));
        for (String module : List.of("seckill-service", "order-service", "inventory-service", "gateway")) {
            report.add(change(module, "io.seckill: INFO", "io.seckill: DEBUG", "/actuator/loggers/io.seckill",
                    "\"configuredLevel\":\"DEBUG\""));
        }
        System.out.println("Knob propagation (file saved -> every instance reports the new value):");
        report.forEach(line -> System.out.println("  " + line));
    }

    /** Edits one knob in its file and returns how long until every instance of the service showed it. */
    private String change(String module, String from, String to, String path, String expected) throws Exception {
        Path file = config.resolve(module + ".yaml");
        String before = Files.readString(file);
        assertThat(before).as("config/%s.yaml must contain '%s'", module, from).contains(from);
        List<ServiceProcess.Running> instances = INSTANCES.get(module);
        for (ServiceProcess.Running instance : instances) {
            assertThat(read(instance, path)).as("%s before the change", module).doesNotContain(expected);
        }
        long saved = System.nanoTime();
        Files.writeString(file, before.replace(from, to));
        long slowest = 0;
        for (ServiceProcess.Running instance : instances) {
            long deadline = saved + DEADLINE.toNanos();
            String body = read(instance, path);
            while (!body.contains(expected) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                body = read(instance, path);
            }
            assertThat(body).as("%s at %s did not show %s within %s", module, instance.baseUrl(), expected, DEADLINE)
                    .contains(expected);
            slowest = Math.max(slowest, System.nanoTime() - saved);
        }
        return String.format("%-18s %-48s %5d ms on %d instance(s)", module, to.replaceAll("\\s+#.*", ""), slowest / 1_000_000,
                instances.size());
    }

    private static String read(ServiceProcess.Running instance, String path) {
        // Management endpoints beyond health are the operator's, in the gateway and in every service.
        ApiClient.Reply reply = new ApiClient(instance.baseUrl()).get(path, operatorToken());
        return reply.status() + " " + reply.body().replace(" ", "");
    }

    private static String gatewayUrl() {
        return INSTANCES.get("gateway").get(0).baseUrl();
    }

    private static String operatorToken;

    /** Log in as the operator at the gateway: its token is verified by every service too. */
    private static synchronized String operatorToken() {
        if (operatorToken == null) {
            operatorToken = new ApiClient(gatewayUrl()).login(DemoAccounts.OPERATOR, DemoAccounts.OPERATOR_PASSWORD);
        }
        return operatorToken;
    }
}
