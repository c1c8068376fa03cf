package io.seckill.demo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The purchase section's tables (stdout) and JSON ({@code results/bench-ceilings.json},
 * {@code results/bench-purchase.json}). Row names are kept from run to run so results compare: a new
 * figure is a new key, an old key keeps its meaning.
 */
final class BenchReport {

    static final String SECKILL_NOOP = "seckill-service no-op (Tomcat, MVC)";
    static final String GATEWAY_NOOP = "gateway no-op (Netty, WebFlux, security)";
    static final String PROXIED_NOOP = "gateway to seckill-service no-op (proxied)";
    static final String SOLD_OUT_DIRECT = "sold out (local flag), seckill-service directly";
    static final String SOLD_OUT_GATEWAY = "sold out (local flag), through the gateway";
    static final String ACCEPTED_DIRECT = "accepted, seckill-service directly";
    static final String ACCEPTED_GATEWAY = "accepted, through the gateway";
    static final String ACCEPTED_LOCK = "accepted, seckill-service, Redisson lock";

    private static final List<String> COLUMNS = new ArrayList<>(StackCpu.PROCESSES);

    static {
        COLUMNS.add(BenchRow.GENERATOR);
    }

    private final Map<String, BenchRow> ceilings = new LinkedHashMap<>();
    private final Map<String, BenchRow> purchases = new LinkedHashMap<>();
    private final Map<String, BenchRow> settlement = new LinkedHashMap<>();
    private final List<FlightRecordings.Profile> profiles = new ArrayList<>();
    private final Map<String, Object> wholeSale = new LinkedHashMap<>();

    void ceiling(BenchRow row) {
        ceilings.put(row.name(), row);
    }

    void purchases(BenchRow row) {
        purchases.put(row.name(), row);
    }

    /** The rounds of each mode summed into one row, named {@code prefix + mode}. */
    void purchasesBy(Map<PurchaseBench.Mode, List<BenchRow>> rounds, String prefix) {
        rounds.forEach((mode, rows) -> purchases(BenchRow.sum(prefix + mode.label, rows)));
    }

    void settlement(BenchRow row) {
        settlement.put(row.name(), row);
    }

    void profiles(List<FlightRecordings.Profile> recorded) {
        profiles.addAll(recorded);
    }

    void wholeSale(int units, int accepted, double lastAcceptedToLastCreatedSeconds, double burstSeconds,
            Double timeoutToStockBackSeconds) {
        wholeSale.put("units", units);
        wholeSale.put("created", accepted);
        wholeSale.put("lastAcceptedToLastCreatedSeconds", BenchRow.round(lastAcceptedToLastCreatedSeconds));
        wholeSale.put("ordersPerSecond", BenchRow.round(accepted / (burstSeconds + lastAcceptedToLastCreatedSeconds)));
        wholeSale.put("timeoutToStockBackSeconds", timeoutToStockBackSeconds == null ? null : BenchRow.round(timeoutToStockBackSeconds));
    }

    void print(PrintStream out, double redisCeiling) {
        out.println();
        out.printf("%-50s %10s %8s %8s%n", "ceilings (wrk, 32 connections)", "per s", "p50 ms", "p99 ms");
        out.printf("%-50s %,10.0f %8s %8s%n", "Redis: purchase.lua (redis-benchmark)", redisCeiling, "", "");
        ceilings.values().forEach(row -> out.printf("%-50s %,10.0f %8.2f %8.2f%n", row.name(), row.perSecond(), row.p50Ms(), row.p99Ms()));

        out.println();
        out.printf("%-62s %8s %8s %8s %8s %8s%n", "purchases (token + buy; sold out: the token request)", "per s", "of ceil",
                "of Redis", "p50 ms", "p99 ms");
        purchases.values().forEach(row -> {
            BenchRow ceiling = ceilingOf(row.name());
            String ofCeiling = ceiling == null ? "-" : String.format("%.0f%%", 100 * row.requestsPerSecond() / ceiling.perSecond());
            String ofRedis = redisCeiling > 0 && !row.name().startsWith("sold out")
                    ? String.format("%.1f%%", 100 * row.perSecond() / redisCeiling) : "-";
            out.printf("%-62s %,8.0f %8s %8s %8.1f %8.1f%n", row.name(), row.perSecond(), ofCeiling, ofRedis, row.p50Ms(), row.p99Ms());
        });
        out.println("  (of ceil: requests/s against the no-op of the HTTP stack the requests reach; a purchase is two requests)");

        List<BenchRow> all = new ArrayList<>(ceilings.values());
        all.addAll(purchases.values());
        all.addAll(settlement.values());
        out.println();
        out.println("CPU per unit (request, purchase or order), in CPU-microseconds, by process");
        table(out, all, true);
        out.println();
        out.println("CPU used meanwhile, % of one core (200 % = both cores)");
        table(out, all, false);

        out.println();
        out.printf("%-44s %10s %10s %10s%n", "settlement", "units", "seconds", "per s");
        settlement.values().forEach(row -> out.printf("%-44s %,10d %10.1f %,10.0f%s%n", row.name(), row.units(), row.seconds(),
                row.perSecond(), row.outcomes().isEmpty() ? "" : "  NOT finished " + row.outcomes()));
        out.printf("whole sale: %s%n", wholeSale);

        for (FlightRecordings.Profile profile : profiles) {
            out.println();
            out.println("JFR profile during the accepted rounds, " + profile.service() + " (results/profile-" + profile.service() + ".txt):");
            profile.libraries().forEach((library, counts) -> {
                if (counts[1] * 100 >= profile.samples()) {
                    out.printf("  %-44s self %5.1f%%  inclusive %5.1f%%%n", library, 100.0 * counts[0] / profile.samples(),
                            100.0 * counts[1] / profile.samples());
                }
            });
        }

        out.println();
        out.println("targets (issue #15, #19)");
        target(out, "sold-out refusals through the gateway / gateway no-op", ratio(SOLD_OUT_GATEWAY, GATEWAY_NOOP), 0.8);
        target(out, "accepted through the gateway / accepted directly", ratio(ACCEPTED_GATEWAY, ACCEPTED_DIRECT), 0.5);
        target(out, "accepted directly / seckill-service no-op requests", ratio(ACCEPTED_DIRECT, SECKILL_NOOP), 0.4);
        Object settled = wholeSale.get("lastAcceptedToLastCreatedSeconds");
        Object back = wholeSale.get("timeoutToStockBackSeconds");
        out.printf("  %-60s %8s   (target <= 10 s)%n", "settlement, last accepted to last order created (s)", settled);
        out.printf("  %-60s %8s   (target <= 10 s)%n", "timeout to every unit back in Redis (s)", back == null ? "unfinished" : back);
    }

    /** Units per second of one row over another's (a sold-out purchase is one request, an accepted one two). */
    private Double ratio(String row, String of) {
        BenchRow a = purchases.containsKey(row) ? purchases.get(row) : ceilings.get(row);
        BenchRow b = purchases.containsKey(of) ? purchases.get(of) : ceilings.get(of);
        if (a == null || b == null || b.perSecond() == 0) {
            return null;
        }
        return a.perSecond() / b.perSecond();
    }

    private static void target(PrintStream out, String name, Double ratio, double wanted) {
        out.printf("  %-60s %8s   (target >= %.1f)%n", name, ratio == null ? "-" : String.format("%.2f", ratio), wanted);
    }

    private BenchRow ceilingOf(String row) {
        return ceilings.get(row.contains("through the gateway") ? GATEWAY_NOOP : SECKILL_NOOP);
    }

    private static void table(PrintStream out, List<BenchRow> rows, boolean perUnit) {
        out.printf("%-52s", "");
        COLUMNS.forEach(column -> out.printf(" %9s", shortName(column)));
        out.printf(" %9s%n", perUnit ? "total" : "");
        for (BenchRow row : rows) {
            out.printf("%-52s", row.name().length() > 52 ? row.name().substring(0, 51) + "…" : row.name());
            COLUMNS.forEach(column -> out.printf(" %9.0f", perUnit ? row.cpuMicrosPerUnit(column) : row.cpuPercent(column)));
            out.printf(perUnit ? " %9.0f%n" : "%n", row.totalCpuMicrosPerUnit());
        }
    }

    private static String shortName(String process) {
        return switch (process) {
            case "seckill-service" -> "seckill";
            case "order-service" -> "order";
            case "inventory-service" -> "inventory";
            case "id-service" -> "id";
            default -> process;
        };
    }

    void write(Path results, Map<String, Object> redis) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> ceilingJson = new LinkedHashMap<>();
        ceilingJson.put("redisPurchaseScript", redis);
        ceilingJson.put("seckillNoop", legacyCeiling(ceilings.get(SECKILL_NOOP), "seckill-service"));
        ceilingJson.put("gatewayNoop", legacyCeiling(ceilings.get(GATEWAY_NOOP), "gateway"));
        ceilingJson.put("gatewayProxiedNoop", legacyCeiling(ceilings.get(PROXIED_NOOP), "gateway"));
        Files.writeString(results.resolve("bench-ceilings.json"), json.writeValueAsString(ceilingJson));

        Map<String, Object> purchaseJson = new LinkedHashMap<>();
        purchases.values().forEach(row -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("purchasesPerSecond", Math.round(row.perSecond()));
            entry.put("p50Ms", BenchRow.round(row.p50Ms()));
            entry.put("p99Ms", BenchRow.round(row.p99Ms()));
            entry.put("generatorCpuPercent", Math.round(row.cpuPercent(BenchRow.GENERATOR)));
            entry.put("rounds", row.name().startsWith("whole sale") ? 1 : 3);
            entry.putAll(row.json());
            purchaseJson.put(row.name(), entry);
        });
        BenchRow lua = purchases.get(ACCEPTED_DIRECT);
        BenchRow lock = purchases.get(ACCEPTED_LOCK);
        if (lua != null && lock != null && lock.perSecond() > 0) {
            purchaseJson.put("luaOverLock", lua.perSecond() / lock.perSecond());
        }
        purchaseJson.put("settlement", wholeSale);
        Map<String, Object> phases = new LinkedHashMap<>();
        settlement.values().forEach(row -> phases.put(row.name(), row.json()));
        purchaseJson.put("settlementPhases", phases);
        Map<String, Object> ceilingRates = new LinkedHashMap<>();
        ceilingRates.put("redisScriptPerSecond", redis.get("callsPerSecond"));
        ceilingRates.put("seckillNoopRequestsPerSecond", rate(SECKILL_NOOP));
        ceilingRates.put("gatewayNoopRequestsPerSecond", rate(GATEWAY_NOOP));
        ceilingRates.put("gatewayProxiedNoopRequestsPerSecond", rate(PROXIED_NOOP));
        purchaseJson.put("ceilings", ceilingRates);
        Map<String, Object> cpu = new LinkedHashMap<>();
        ceilings.values().forEach(row -> cpu.put(row.name(), row.json()));
        purchaseJson.put("ceilingRows", cpu);
        Map<String, Object> profileJson = new LinkedHashMap<>();
        for (FlightRecordings.Profile profile : profiles) {
            Map<String, Object> libraries = new LinkedHashMap<>();
            profile.libraries().forEach((library, counts) -> libraries.put(library, Map.of(
                    "selfPercent", BenchRow.round(100.0 * counts[0] / Math.max(1, profile.samples())),
                    "inclusivePercent", BenchRow.round(100.0 * counts[1] / Math.max(1, profile.samples())))));
            profileJson.put(profile.service(), Map.of("samples", profile.samples(), "libraries", libraries));
        }
        purchaseJson.put("profiles", profileJson);
        Files.writeString(results.resolve("bench-purchase.json"), json.writeValueAsString(purchaseJson));
    }

    private long rate(String ceiling) {
        BenchRow row = ceilings.get(ceiling);
        return row == null ? 0 : Math.round(row.perSecond());
    }

    private static Map<String, Object> legacyCeiling(BenchRow row, String service) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (row == null) {
            return json;
        }
        json.put("requestsPerSecond", Math.round(row.perSecond()));
        json.put("p50Ms", BenchRow.round(row.p50Ms()));
        json.put("p99Ms", BenchRow.round(row.p99Ms()));
        json.put("wrkCpuPercent", Math.round(row.cpuPercent(BenchRow.GENERATOR)));
        json.put("serviceCpuPercent", Math.round(row.cpuPercent(service)));
        json.putAll(row.json());
        return json;
    }
}
