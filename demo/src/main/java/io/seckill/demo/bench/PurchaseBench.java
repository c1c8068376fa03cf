package io.seckill.demo.bench;

import io.seckill.demo.LocalStack;
import io.seckill.demo.crowd.BurstOutcome;
import io.seckill.demo.crowd.Crowd;
import io.seckill.demo.crowd.GatewayHttp;
import io.seckill.demo.crowd.GatewayHttp.Answer;
import io.seckill.demo.observe.StackProbe;
import io.seckill.demo.report.Progress;
import io.seckill.demo.sale.Operator;
import io.seckill.demo.sale.OperatorKnobs;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./seckill bench}'s purchase section: purchases (token, then buy) measured in interleaved rounds
 * so that every mode sees the same background (settlement catching up, JIT, GC): directly on
 * seckill-service and through the gateway, accepted and sold out, the Lua strategy against the
 * Redisson-lock one; then settlement of the 10,000-unit sale. The generator reports its own CPU so a
 * starved server is visible. Ceilings measured by the shell part of the same run come in as
 * system properties (bench.redisScriptRps, bench.seckillNoopRps, bench.gatewayNoopRps).
 */
public final class PurchaseBench {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int SETTLEMENT_UNITS = 10_000;
    private static final int ACCEPTED_ROUND = 800;
    private static final int SOLD_OUT_ROUND = 3_000;
    private static final int ROUNDS = 3;
    /** Enough logged-in shoppers for every gateway purchase of the accepted and sold-out rounds. */
    private static final int SHOPPERS = 1_000 + ROUNDS * SOLD_OUT_ROUND;

    private final GatewayHttp gateway;
    private final GatewayHttp seckill;
    private final Progress progress = new Progress(System.err, false);
    private final LocalStack stack = LocalStack.fromSystem();
    private final Crowd crowd;

    private PurchaseBench() {
        gateway = new GatewayHttp(System.getProperty("bench.gateway", "http://127.0.0.1:8080"), CONCURRENCY);
        seckill = new GatewayHttp(System.getProperty("bench.seckill", "http://127.0.0.1:8081"), CONCURRENCY);
        crowd = new Crowd(gateway, SHOPPERS, CONCURRENCY);
    }

    public static void main(String[] args) throws Exception {
        new PurchaseBench().run();
    }

    enum Mode {
        DIRECT("seckill-service directly"), GATEWAY("through the gateway"), DIRECT_LOCK("seckill-service, Redisson lock");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private void run() throws Exception {
        try (OperatorKnobs knobs = stack.knobs(); StackProbe probe = StackProbe.local()) {
            knobs.set("gateway.yaml", "trusted-proxies: []", "trusted-proxies: [127.0.0.1/32]");
            sleep(2500);
            Operator operator = new Operator(gateway);
            int notLoggedIn = crowd.logIn(progress);
            if (notLoggedIn > 0) {
                throw new IllegalStateException(notLoggedIn + " of " + SHOPPERS + " shoppers could not log in");
            }

            // Sold out: a one-unit sale whose unit is gone; every buy is refused by the local flag.
            Operator.Sale soldOut = operator.openSale("Bench sold out", 1, 1, Duration.ZERO);
            sleepUntil(soldOut.startAt());
            purchase(Mode.DIRECT, soldOut.id(), 0);
            Map<Mode, List<Round>> rejected = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Mode mode : List.of(Mode.DIRECT, Mode.GATEWAY)) {
                    rejected.computeIfAbsent(mode, m -> new ArrayList<>())
                            .add(round(mode, soldOut.id(), 1_000 + round * SOLD_OUT_ROUND, SOLD_OUT_ROUND, "sold out"));
                }
            }

            // Accepted: one 10,000-unit sale, bought in interleaved rounds, then left to settle.
            Operator.Sale sale = operator.openSale("Bench sale", SETTLEMENT_UNITS, 1, Duration.ZERO);
            sleepUntil(sale.startAt());
            Map<Mode, List<Round>> accepted = new LinkedHashMap<>();
            int shopper = 1;
            Instant firstAccepted = Instant.now();
            for (int round = 0; round < ROUNDS; round++) {
                for (Mode mode : Mode.values()) {
                    strategy(knobs, mode == Mode.DIRECT_LOCK);
                    accepted.computeIfAbsent(mode, m -> new ArrayList<>()).add(round(mode, sale.id(), shopper, ACCEPTED_ROUND, "accepted"));
                    shopper += ACCEPTED_ROUND;
                }
            }
            strategy(knobs, false);
            round(Mode.DIRECT, sale.id(), shopper, probe.redisRemaining(sale.id()), "rest of the stock");
            Instant lastAccepted = Instant.now();
            // Whatever was refused on the way (a 429, a lost answer), settlement is timed for what was accepted.
            int acceptedUnits = probe.acceptedInRedis(sale.id()).size();
            progress.step(acceptedUnits + " of " + SETTLEMENT_UNITS + " units accepted; waiting for the last order to be created");
            int created = 0;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (created < acceptedUnits && Instant.now().isBefore(deadline)) {
                sleep(250);
                created = probe.orders(sale.id()).total();
            }
            Instant lastCreated = Instant.now();
            report(rejected, accepted, Duration.between(lastAccepted, lastCreated), Duration.between(firstAccepted, lastCreated), created);
        }
    }

    private Round round(Mode mode, long activityId, int firstShopper, int purchases, String kind) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        Crowd.inParallel(CONCURRENCY, purchases, i -> {
            Outcome outcome = purchase(mode, activityId, firstShopper + i);
            latencies.add(outcome.latencyNanos());
            requests.addAndGet(outcome.requests());
            outcomes.computeIfAbsent(outcome.code(), c -> new AtomicInteger()).incrementAndGet();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        double generatorCpu = (processCpuNanos() - cpuBefore) / 1e9 / seconds * 100;
        Round round = new Round(mode, kind, purchases, requests.get(), seconds, BurstOutcome.percentileMillis(latencies, 50), BurstOutcome.percentileMillis(latencies, 99), generatorCpu,
                outcomes.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())));
        progress.step(String.format("%-32s %-17s %,6d purchases in %5.2f s = %,7.0f/s, buy p50 %.1f ms p99 %.1f ms, generator CPU %.0f%% %s",
                mode.label, kind, purchases, seconds, round.perSecond(), round.p50(), round.p99(), generatorCpu, round.outcomes()));
        return round;
    }

    private Outcome purchase(Mode mode, long activityId, int shopper) {
        GatewayHttp http = mode == Mode.GATEWAY ? gateway : seckill;
        // Directly, the benchmark stands where the gateway stands: it names the user in X-User-Id.
        String bearer = mode == Mode.GATEWAY ? crowd.token(shopper) : null;
        Map<String, String> headers = mode == Mode.GATEWAY ? Map.of() : Map.of("X-User-Id", "bench-" + activityId + "-" + shopper);
        String address = mode == Mode.GATEWAY ? Crowd.address(shopper) : null;
        long asked = System.nanoTime();
        Answer issued = http.send("POST", "/api/activities/" + activityId + "/purchase-token", bearer, null, address, headers);
        if (!issued.ok()) {
            // A sold-out sale refuses at the token already: that request is the purchase's whole cost.
            return new Outcome("token " + issued.code(), System.nanoTime() - asked, 1);
        }
        long started = System.nanoTime();
        Answer bought = http.send("POST", issued.text("purchasePath"), bearer, GatewayHttp.body("quantity", 1), address, headers);
        return new Outcome(bought.status() == 202 ? "ACCEPTED" : bought.code(), System.nanoTime() - started, 2);
    }

    private void strategy(OperatorKnobs knobs, boolean lock) {
        String content;
        try {
            content = Files.readString(stack.config().resolve("seckill-service.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        boolean isLock = content.contains("strategy: redisson-lock");
        if (isLock != lock) {
            knobs.set("seckill-service.yaml", lock ? "strategy: lua   " : "strategy: redisson-lock",
                    lock ? "strategy: redisson-lock" : "strategy: lua   ");
            sleep(2500); // the service polls its config file every second
        }
    }

    private void report(Map<Mode, List<Round>> rejected, Map<Mode, List<Round>> accepted, Duration lastAcceptedToLastCreated,
            Duration firstAcceptedToLastCreated, int created) throws Exception {
        double redisCeiling = Double.parseDouble(System.getProperty("bench.redisScriptRps", "0"));
        double seckillNoop = Double.parseDouble(System.getProperty("bench.seckillNoopRps", "0"));
        double gatewayNoop = Double.parseDouble(System.getProperty("bench.gatewayNoopRps", "0"));
        Map<String, Object> json = new LinkedHashMap<>();
        System.out.println();
        System.out.printf("%-50s %10s %12s %12s %8s %8s %9s%n", "purchases (token + buy, " + CONCURRENCY + " in flight)", "per s",
                "of HTTP ceil", "of Redis ceil", "p50 ms", "p99 ms", "gen CPU");
        Map<String, Map<Mode, List<Round>>> kinds = new LinkedHashMap<>();
        kinds.put("sold out (local flag)", rejected);
        kinds.put("accepted", accepted);
        for (Map.Entry<String, Map<Mode, List<Round>>> kind : kinds.entrySet()) {
            for (Map.Entry<Mode, List<Round>> mode : kind.getValue().entrySet()) {
                Round total = summarize(mode.getValue());
                double httpCeiling = mode.getKey() == Mode.GATEWAY ? gatewayNoop : seckillNoop;
                // A purchase is two requests (token, buy; one when the token is refused): requests/s vs the no-op's.
                String ofHttp = httpCeiling > 0 ? String.format("%.0f%%", total.requestsPerSecond() * 100 / httpCeiling) : "-";
                String ofRedis = redisCeiling > 0 && kind.getValue() == accepted ? String.format("%.1f%%", total.perSecond() * 100 / redisCeiling) : "-";
                String name = kind.getKey() + ", " + mode.getKey().label;
                System.out.printf("%-50s %,10.0f %12s %12s %8.1f %8.1f %8.0f%%%n", name, total.perSecond(), ofHttp, ofRedis,
                        total.p50(), total.p99(), total.generatorCpu());
                json.put(name, Map.of("purchasesPerSecond", Math.round(total.perSecond()), "p50Ms", total.p50(), "p99Ms", total.p99(),
                        "generatorCpuPercent", Math.round(total.generatorCpu()), "rounds", mode.getValue().size()));
            }
        }
        double lua = summarize(accepted.get(Mode.DIRECT)).perSecond();
        double lock = summarize(accepted.get(Mode.DIRECT_LOCK)).perSecond();
        System.out.printf("%nLua strategy vs Redisson lock (accepted, directly): %,.0f vs %,.0f purchases/s = %.2fx%n", lua, lock, lua / lock);
        System.out.printf("Settlement of %,d units: %.1f s from the last accepted purchase to the last order created"
                + " (%,d created; %.1f orders/s from the first accepted purchase)%n", SETTLEMENT_UNITS,
                lastAcceptedToLastCreated.toMillis() / 1000.0, created, created / (firstAcceptedToLastCreated.toMillis() / 1000.0));
        json.put("luaOverLock", lua / lock);
        json.put("settlement", Map.of("units", SETTLEMENT_UNITS, "created", created,
                "lastAcceptedToLastCreatedSeconds", lastAcceptedToLastCreated.toMillis() / 1000.0,
                "ordersPerSecond", created / (firstAcceptedToLastCreated.toMillis() / 1000.0)));
        json.put("ceilings", Map.of("redisScriptPerSecond", redisCeiling, "seckillNoopRequestsPerSecond", seckillNoop,
                "gatewayNoopRequestsPerSecond", gatewayNoop));
        Files.createDirectories(stack.repo().resolve("results"));
        Files.writeString(stack.repo().resolve("results/bench-purchase.json"), JsonMapper.builder().build().writeValueAsString(json));
    }

    /** Mean rate and latencies over the rounds of one mode (rounds are interleaved with the other modes'). */
    private static Round summarize(List<Round> rounds) {
        double purchases = rounds.stream().mapToDouble(Round::purchases).sum();
        int requests = rounds.stream().mapToInt(Round::requests).sum();
        double seconds = rounds.stream().mapToDouble(Round::seconds).sum();
        return new Round(rounds.get(0).mode(), rounds.get(0).kind(), (int) purchases, requests, seconds,
                rounds.stream().mapToDouble(Round::p50).average().orElse(0), rounds.stream().mapToDouble(Round::p99).average().orElse(0),
                rounds.stream().mapToDouble(Round::generatorCpu).average().orElse(0), Map.of());
    }

    private record Round(Mode mode, String kind, int purchases, int requests, double seconds, double p50, double p99, double generatorCpu,
            Map<String, Integer> outcomes) {

        double perSecond() {
            return purchases / seconds;
        }

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private record Outcome(String code, long latencyNanos, int requests) {
    }



    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }


    private static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) sleep(millis + 200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
