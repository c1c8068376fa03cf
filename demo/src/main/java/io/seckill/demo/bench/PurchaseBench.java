package io.seckill.demo.bench;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.demo.LocalStack;
import io.seckill.demo.Waiting;
import io.seckill.demo.crowd.Crowd;
import io.seckill.demo.crowd.PooledTransport;
import io.seckill.demo.observe.StackProbe;
import io.seckill.demo.report.Progress;
import io.seckill.demo.sale.OperatorKnobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@code ./seckill bench}'s purchase section, every row beside the CPU each process of the stack spent on
 * it. The HTTP rows and their ceilings share one generator (wrk, a few percent of a core): the no-op
 * ceilings of each HTTP stack and of a proxied call through the gateway; sold-out refusals; accepted
 * purchases with settlement held (order-service's placement paused), in interleaved rounds after a
 * warm-up round of each mode, with a JFR profile of the gateway and seckill-service; then the held
 * requests released and settled, and their orders timed out, each as a row of its own; last a whole
 * 10,000-unit sale through the gateway with everything running, shoppers as the demo's (Java client),
 * its settlement, and the time from its orders' timeout until every unit is back on sale in Redis.
 * The Redis ceiling comes from the shell part of the same run ({@code bench.redisScript*} properties).
 */
public final class PurchaseBench {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("bench.roundSeconds", 4));
    /** Before the first round of a mode: long enough for the JIT to compile that path on a cold service. */
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.firstWarmUpSeconds", 15));
    /** Before every measured round: the path just switched to runs a moment before it is timed. */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 2));
    private static final int ROUNDS = 3;
    private static final int SHOPPERS = 20_000;
    private static final int WHOLE_SALE_UNITS = 10_000;
    private static final int WHOLE_SALE_SHOPPERS = 12_000;
    private static final int WHOLE_SALE_CONCURRENCY = 64;
    /** The held rounds' sale: more stock than any round can buy, so every round measures accepted purchases. */
    private static final int BIG_STOCK = 10_000_000;
    private static final int BIG_LIMIT = 100;
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(Integer.getInteger("bench.settleMinutes", 10));
    private static final Duration CANCEL_PATIENCE = Duration.ofMinutes(Integer.getInteger("bench.cancelMinutes", 4));
    /** For a quick look while working: {@code -Dbench.only=purchases} runs the ceilings and purchase rows alone. */
    private static final boolean PURCHASES_ONLY = "purchases".equals(System.getProperty("bench.only"));

    private static final String STRATEGY = "seckill.purchase.strategy";

    enum Mode {
        DIRECT("seckill-service directly"), GATEWAY("through the gateway"), DIRECT_LOCK("seckill-service, Redisson lock");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private final String gatewayUrl = System.getProperty("bench.gateway", "http://127.0.0.1:8080");
    private final String seckillUrl = System.getProperty("bench.seckill", "http://127.0.0.1:8081");
    private final Progress progress = new Progress(System.err, false);
    private final LocalStack stack = LocalStack.fromSystem();
    private final StackCpu cpu = new StackCpu(stack.state());
    private final Path results = stack.repo().resolve("results");
    private final Wrk wrk = new Wrk(stack.state().resolve("bench"), stack.state().resolve("logs"));
    private final FlightRecordings recordings = new FlightRecordings(stack.state().resolve("bench"));
    private final ApiClient gateway = new ApiClient(gatewayUrl, new PooledTransport(WHOLE_SALE_CONCURRENCY));
    private final ApiClient seckill = new ApiClient(seckillUrl, new PooledTransport(4));
    private Path credentials;
    private StackProbe probe;
    private List<FlightRecordings.Profile> profiles = List.of();

    public static void main(String[] args) throws Exception {
        new PurchaseBench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(results);
        BenchReport report = new BenchReport();
        try (OperatorKnobs knobs = stack.knobs(); StackProbe probe = StackProbe.local()) {
            this.probe = probe;
            knobs.set("gateway.yaml", "seckill.gateway.rate-limits.trusted-proxies", "[127.0.0.1/32]");
            Waiting.sleep(Duration.ofMillis(2500));
            OperatorCalls operator = new OperatorCalls(gateway);
            Crowd crowd = new Crowd(gateway, SHOPPERS, WHOLE_SALE_CONCURRENCY);
            int notLoggedIn = crowd.logIn(progress);
            if (notLoggedIn > 0) {
                throw new IllegalStateException(notLoggedIn + " of " + SHOPPERS + " shoppers could not log in");
            }
            credentials = writeCredentials(crowd);
            boolean scaleOut = stack.instances() >= 2;
            if (scaleOut) {
                // Every row but the scale-out one runs on one seckill-service, as every earlier bench did.
                stopService("seckill-service-2");
            }

            report.ceiling(ceiling("seckill-service no-op (Tomcat, MVC)", seckillUrl + "/actuator/health/liveness"));
            report.ceiling(ceiling("gateway no-op (Netty, WebFlux, security)", gatewayUrl + "/actuator/health/liveness"));
            report.ceiling(ceiling("gateway to seckill-service no-op (proxied)", gatewayUrl + "/status/seckill-service"));

            // Sold out: a one-unit sale whose unit is gone. Shoppers behave as in any sale: ask for a token and
            // buy if one is issued; a purchase is one attempt, however far it got.
            OperatorCalls.Sale soldOut = operator.openSale("Bench sold out", 1, 1, java.time.Instant.now().plusSeconds(1));
            Waiting.sleepUntil(soldOut.startAt());
            buyOnce(crowd, soldOut.id());
            report.purchasesBy(rounds(List.of(Mode.DIRECT, Mode.GATEWAY), soldOut.id(), false, knobs), "sold out (local flag), ");

            // A whole sale first, on a stack with nothing else to settle: the demo's shape, everything running.
            if (!PURCHASES_ONLY) {
                wholeSale(report, operator, crowd, knobs, probe);
            }

            // Accepted, settlement held: the purchase path alone, profiled.
            knobs.set("order-service.yaml", "seckill.settlement.placement-paused", "true");
            Waiting.sleep(Duration.ofMillis(2500));
            OperatorCalls.Sale held = operator.openSale("Bench held rounds", BIG_STOCK, BIG_LIMIT, java.time.Instant.now().plusSeconds(1));
            Waiting.sleepUntil(held.startAt());
            report.purchasesBy(rounds(List.of(Mode.values()), held.id(), true, knobs), "accepted, ");
            if (probe.onRedisCluster()) {
                // A pair alike: each on a seckill-service just restarted and warmed the same way, one instance.
                report.purchasesBy(restartedWaitingFor(0, held.id(), knobs, scaleOut), "accepted, no wait for a replica, ");
                report.purchasesBy(restartedWaitingFor(1, held.id(), knobs, scaleOut), "accepted, waiting for 1 replica, ");
            }
            if (scaleOut) {
                restartServices(Map.of()); // the second seckill-service instance
                Waiting.sleep(Duration.ofMillis(3000)); // the gateway's next health check finds it ready
                report.purchasesBy(rounds(List.of(Mode.GATEWAY), held.id(), true, knobs, false),
                        "accepted, two seckill-service instances, ");
            }
            int heldRequests = probe.acceptedInRedis(held.id()).size();
            if (PURCHASES_ONLY) {
                progress.step(String.format("%,d purchases accepted with placement held; left held (bench.only=purchases)", heldRequests));
            } else {
                progress.step(String.format("%,d purchases accepted with placement held; releasing it", heldRequests));
                report.settlement(phase("settlement of the held requests", heldRequests, SETTLE_PATIENCE,
                        () -> knobs.set("order-service.yaml", "seckill.settlement.placement-paused", "false"),
                        () -> probe.orders(held.id()).total()).row());
                report.settlement(timeOut("timeout of the held rounds' orders", held.id(), heldRequests, knobs, probe));
            }
        }
        report.profiles(profiles);
        report.print(System.out, Double.parseDouble(System.getProperty("bench.redisScriptRps", "0")));
        report.write(results, Map.of("callsPerSecond", number("bench.redisScriptRps"), "p50Ms", number("bench.redisScriptP50"),
                "p99Ms", number("bench.redisScriptP99"), "calls", number("bench.redisScriptCalls"),
                "accepted", number("bench.redisScriptAccepted")));
    }

    /** The whole sale: the demo's burst through the gateway, its settlement, and its orders' timeout. */
    private void wholeSale(BenchReport report, OperatorCalls operator, Crowd crowd, OperatorKnobs knobs, StackProbe probe) {
        OperatorCalls.Sale sale = operator.openSale("Bench whole sale", WHOLE_SALE_UNITS, 1, java.time.Instant.now().plusSeconds(1));
        Waiting.sleepUntil(sale.startAt());
        Burst burst = burst(crowd, sale.id());
        report.purchases(burst.row());
        int acceptedUnits = probe.acceptedInRedis(sale.id()).size();
        Phase settled = phase("settlement of the whole sale", acceptedUnits, SETTLE_PATIENCE, () -> { },
                () -> probe.orders(sale.id()).total());
        double lastAcceptedToLastCreated = (settled.endedNanos() - burst.lastAcceptedNanos()) / 1e9;
        report.settlement(settled.row());
        Waiting.sleep(Duration.ofMillis(2000)); // every order of the sale older than the 1 s timeout about to be set
        BenchRow timedOut = timeOut("timeout of the whole sale's orders", sale.id(), acceptedUnits, knobs, probe);
        report.settlement(timedOut);
        report.wholeSale(WHOLE_SALE_UNITS, acceptedUnits, lastAcceptedToLastCreated, burst.row().seconds(),
                timedOut.units() >= acceptedUnits ? timedOut.seconds() : null);
    }

    private BenchRow ceiling(String name, String url) {
        wrk.get(slug(name) + "-warm-up", url, CONNECTIONS, FIRST_WARM_UP);
        Map<String, Long> before = cpu.read();
        Wrk.Result result = wrk.get(slug(name), url, CONNECTIONS, ROUND);
        BenchRow row = new BenchRow(name, result.requests(), result.requests(), result.seconds(), result.p50Ms(), result.p99Ms(),
                withGenerator(StackCpu.between(before, cpu.read()), result.generatorCpuMicros()), Map.of());
        progress.step(String.format("%-50s %,8.0f requests/s, p50 %.2f ms, p99 %.2f ms, %s", name, row.perSecond(),
                row.p50Ms(), row.p99Ms(), cpuLine(row)));
        return row;
    }

    /**
     * Interleaved rounds of the modes, so each sees the same background: a long warm-up of each mode first,
     * then before every measured round a short one of the same mode. Accepted rounds are profiled (JFR).
     */
    private Map<Mode, List<BenchRow>> rounds(List<Mode> modes, long activityId, boolean accepted, OperatorKnobs knobs) {
        return rounds(modes, activityId, accepted, knobs, accepted);
    }

    private Map<Mode, List<BenchRow>> rounds(List<Mode> modes, long activityId, boolean accepted, OperatorKnobs knobs,
            boolean profile) {
        for (Mode mode : modes) {
            strategy(knobs, mode == Mode.DIRECT_LOCK);
            round(mode, activityId, accepted, FIRST_WARM_UP, "warm-up");
        }
        if (profile) {
            startRecordings();
        }
        Map<Mode, List<BenchRow>> rows = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Mode mode : modes) {
                strategy(knobs, mode == Mode.DIRECT_LOCK);
                round(mode, activityId, accepted, WARM_UP, "warm-up");
                rows.computeIfAbsent(mode, m -> new ArrayList<>()).add(round(mode, activityId, accepted, ROUND, "round " + round));
            }
        }
        strategy(knobs, false);
        if (profile) {
            profiles = stopRecordings();
        }
        return rows;
    }

    /**
     * What waiting for a replica costs (on the Redis Cluster, where the stack waits for one): seckill-service
     * restarted with {@code seckill.sale.replicas.confirmations} set, the accepted rounds again. {@code up
     * --services} also starts the second instance if the stack has one: stopped again, as for every other row.
     */
    private Map<Mode, List<BenchRow>> restartedWaitingFor(int confirmations, long activityId, OperatorKnobs knobs,
            boolean scaleOut) {
        stopService("seckill-service");
        restartServices(Map.of("SECKILL_SALE_REPLICAS_CONFIRMATIONS", Integer.toString(confirmations)));
        if (scaleOut) {
            stopService("seckill-service-2");
        }
        return rounds(List.of(Mode.DIRECT, Mode.GATEWAY), activityId, true, knobs, false);
    }

    /** Stops one service process of the stack (TERM, as a scale-in would) and waits until it is gone. */
    private void stopService(String name) {
        Long pid = cpu.pid(name);
        ProcessHandle process = pid == null ? null : ProcessHandle.of(pid).orElse(null);
        if (process == null) {
            return;
        }
        progress.step("stopping " + name + " (pid " + pid + ")");
        process.destroy();
        try {
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        Waiting.sleep(Duration.ofMillis(3000)); // the gateway's next health check takes it out
    }

    /** {@code ./seckill up --services}: starts the services that are down, with {@code environment} added. */
    private void restartServices(Map<String, String> environment) {
        progress.step("./seckill up --services" + (environment.isEmpty() ? "" : " with " + environment));
        try {
            ProcessBuilder up = new ProcessBuilder(stack.repo().resolve("seckill").toString(), "up", "--services")
                    .directory(stack.repo().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stack.state().resolve("logs/bench-up.log").toFile()));
            up.environment().putAll(environment);
            int exit = up.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("./seckill up --services exited " + exit + "; see .stack/logs/bench-up.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One wrk round: shoppers ask for a token and buy when one is issued. */
    private BenchRow round(Mode mode, long activityId, boolean accepted, Duration length, String label) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BENCH_SALE", "/api/activities/" + activityId);
        // The gateway's login tokens, directly too: every service verifies the same token itself.
        environment.put("BENCH_CREDENTIALS", credentials.toString());
        String name = (accepted ? "accepted, " : "sold out, ") + mode.label;
        Map<String, Long> before = cpu.read();
        Wrk.Result result = wrk.purchases(slug(name + " " + label), mode == Mode.GATEWAY ? gatewayUrl : seckillUrl, CONNECTIONS,
                length, environment);
        // The relay moves the round's purchases to Kafka behind it: their CPU belongs to this round, not the next.
        long drainStarted = System.nanoTime();
        Waiting.until(() -> probe.requestBacklog(activityId) == 0, Duration.ofSeconds(60), Duration.ofMillis(100));
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        Map<String, Long> used = withGenerator(StackCpu.between(before, cpu.read()), result.generatorCpuMicros());
        // Accepted rounds count the 202s; sold-out rounds every attempt (each began with a token request).
        long purchases = accepted ? result.answers("buy", 202) : result.attempts();
        Map<String, Long> outcomes = new LinkedHashMap<>(result.answers());
        BenchRow row = new BenchRow(name, purchases, result.requests(), result.seconds(), result.p50Ms(), result.p99Ms(), used, outcomes);
        progress.step(String.format("%-8s %-44s %,7.0f purchases/s (%,7.0f requests/s), p50 %.1f ms, p99 %.1f ms, answers %s,"
                + " relayed %.1f s after, %s (CPU until relayed, per second of the round)", label, name, row.perSecond(),
                row.requestsPerSecond(), row.p50Ms(), row.p99Ms(), result.answers(), drainSeconds, cpuLine(row)));
        return row;
    }

    private static Map<String, Long> withGenerator(Map<String, Long> used, long generatorMicros) {
        Map<String, Long> all = new LinkedHashMap<>(used);
        all.put(BenchRow.GENERATOR, generatorMicros);
        return all;
    }

    private record Phase(BenchRow row, long endedNanos) {
    }

    /**
     * Runs {@code action} and times until {@code done} reaches {@code units}, with each process's CPU meanwhile;
     * a phase that runs out of patience reports what it got done.
     */
    private Phase phase(String name, long units, Duration patience, Runnable action, IntSupplier done) {
        long generatorBefore = processCpuMicros();
        Map<String, Long> before = cpu.read();
        long started = System.nanoTime();
        action.run();
        boolean finished = Waiting.until(() -> done.getAsInt() >= units, patience, Duration.ofMillis(100));
        long ended = System.nanoTime();
        double seconds = (ended - started) / 1e9;
        long reached = finished ? units : Math.max(0, safely(done));
        Map<String, Long> used = withGenerator(StackCpu.between(before, cpu.read()), processCpuMicros() - generatorBefore);
        BenchRow row = new BenchRow(name, reached, 0, seconds, 0, 0, used,
                finished ? Map.of() : Map.of("unfinished: done of " + units, reached));
        progress.step(String.format("%-40s %,d of %,d in %.1f s = %,.0f/s%s, %s", name, reached, units, seconds, reached / seconds,
                finished ? "" : " (NOT finished: stopped waiting)", cpuLine(row)));
        return new Phase(row, ended);
    }

    /**
     * The orders of a sale, all older than 1 s, meet a payment timeout of 1 s: timed from the change (the service
     * reads its file every half second) until every unit of them is back on sale in Redis. The timeout is global,
     * so every unpaid order of the stack is cancelled with them; it is put back to 15 minutes afterwards.
     */
    private BenchRow timeOut(String name, long activityId, int orders, OperatorKnobs knobs, StackProbe probe) {
        int initiallyRemaining = probe.redisRemaining(activityId);
        BenchRow row = phase(name, orders, CANCEL_PATIENCE,
                () -> knobs.set("order-service.yaml", "seckill.settlement.payment-timeout", "1s"),
                () -> probe.redisRemaining(activityId) - initiallyRemaining).row();
        knobs.set("order-service.yaml", "seckill.settlement.payment-timeout", "15m");
        return row;
    }

    private record Burst(BenchRow row, long lastAcceptedNanos) {
    }

    /** The demo's burst: each shopper asks for a token and buys one unit, 64 in flight, Java's HTTP client. */
    private Burst burst(Crowd crowd, long activityId) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicLong lastAccepted = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();
        long generatorBefore = processCpuMicros();
        Map<String, Long> before = cpu.read();
        long started = System.nanoTime();
        Crowd.inParallel(WHOLE_SALE_CONCURRENCY, WHOLE_SALE_SHOPPERS, index -> {
            int shopper = index + 1;
            String bearer = crowd.token(shopper);
            String address = Crowd.address(shopper);
            long asked = System.nanoTime();
            ApiClient.Reply issued = gateway.send("POST", "/api/activities/" + activityId + "/purchase-token", bearer, null, Map.of("X-Forwarded-For", address));
            requests.incrementAndGet();
            String outcome;
            if (issued.ok()) {
                ApiClient.Reply bought = gateway.send("POST", issued.text("purchasePath"), bearer, Map.of("quantity", 1), Map.of("X-Forwarded-For", address));
                requests.incrementAndGet();
                outcome = bought.status() == 202 ? "ACCEPTED" : bought.code();
                if (bought.status() == 202) {
                    lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                }
            } else {
                outcome = issued.code();
            }
            latencies.add(System.nanoTime() - asked);
            outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        });
        long ended = System.nanoTime();
        Map<String, Long> used = withGenerator(StackCpu.between(before, cpu.read()), processCpuMicros() - generatorBefore);
        Map<String, Long> counted = new LinkedHashMap<>();
        outcomes.forEach((outcome, n) -> counted.put(outcome, (long) n.get()));
        long accepted = counted.getOrDefault("ACCEPTED", 0L);
        BenchRow row = new BenchRow("whole sale, through the gateway (Java client, settlement running)", accepted,
                requests.get(), ((lastAccepted.get() == 0 ? ended : lastAccepted.get()) - started) / 1e9,
                percentileMillis(latencies, 50), percentileMillis(latencies, 99), used, counted);
        progress.step(String.format("whole sale: %,d accepted in %.2f s (%,.0f/s), %,d shoppers done in %.2f s, answers %s, %s",
                accepted, row.seconds(), row.perSecond(), WHOLE_SALE_SHOPPERS, (ended - started) / 1e9, counted, cpuLine(row)));
        return new Burst(row, lastAccepted.get());
    }

    private void buyOnce(Crowd crowd, long activityId) {
        String shopper = crowd.token(1);
        ApiClient.Reply token = seckill.send("POST", "/api/activities/" + activityId + "/purchase-token", shopper, null);
        ApiClient.Reply bought = seckill.send("POST", token.text("purchasePath"), shopper, Map.of("quantity", 1));
        if (bought.status() != 202) {
            throw new IllegalStateException("could not buy the sold-out sale's unit: " + bought.status() + " " + bought.json());
        }
    }

    private void startRecordings() {
        for (String service : List.of("gateway", "seckill-service")) {
            recordings.start(service, pid(service));
        }
    }

    private List<FlightRecordings.Profile> stopRecordings() {
        List<FlightRecordings.Profile> profiles = new ArrayList<>();
        for (String service : List.of("gateway", "seckill-service")) {
            profiles.add(recordings.stop(service, pid(service), results));
        }
        return profiles;
    }

    private long pid(String service) {
        Long pid = cpu.pid(service);
        if (pid == null) {
            throw new IllegalStateException("no pid file for " + service + " under " + stack.state().resolve("run"));
        }
        return pid;
    }

    /**
     * wrk's shoppers through the gateway: thread i of the generator reads {@code shoppers-<i>}, one line per
     * shopper (login token and client address), so no two threads share a shopper and none parses the others'.
     */
    private Path writeCredentials(Crowd crowd) throws IOException {
        Path prefix = stack.state().resolve("bench").resolve("shoppers-");
        Files.createDirectories(prefix.getParent());
        List<StringBuilder> files = new ArrayList<>();
        for (int thread = 0; thread < CONNECTIONS; thread++) {
            files.add(new StringBuilder());
        }
        for (int shopper = 1; shopper <= SHOPPERS; shopper++) {
            files.get(shopper % CONNECTIONS).append(crowd.token(shopper)).append(' ').append(Crowd.address(shopper)).append('\n');
        }
        for (int thread = 0; thread < CONNECTIONS; thread++) {
            Files.writeString(Path.of(prefix + Integer.toString(thread)), files.get(thread));
        }
        return prefix;
    }

    /** The purchase strategy the rounds measure, switched as an operator switches it (a live knob). */
    private void strategy(OperatorKnobs knobs, boolean lock) {
        String wanted = lock ? "redisson-lock" : "lua";
        if (!knobs.get("seckill-service.yaml", STRATEGY).equals(wanted)) {
            knobs.set("seckill-service.yaml", STRATEGY, wanted);
            Waiting.sleep(Duration.ofMillis(2500)); // the service compares its config file every half second
        }
    }

    private String cpuLine(BenchRow row) {
        StringBuilder line = new StringBuilder("CPU");
        row.cpuMicros().forEach((process, micros) -> {
            double percent = row.cpuPercent(process);
            if (percent >= 0.5) {
                line.append(String.format(" %s %.0f%%", process, percent));
            }
        });
        return line.toString();
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static Object number(String property) {
        String value = System.getProperty(property, "0");
        try {
            return value.contains(".") ? Double.parseDouble(value) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double percentileMillis(java.util.Collection<Long> nanos, double p) {
        return io.seckill.demo.crowd.BurstOutcome.percentileMillis(nanos, p);
    }

    private static long processCpuMicros() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1000;
    }

    private static int safely(IntSupplier supplier) {
        try {
            return supplier.getAsInt();
        } catch (RuntimeException notAnsweringNow) {
            return 0;
        }
    }



}
