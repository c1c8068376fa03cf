package io.seckill.demo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured row: what was done ({@code units} purchases, requests or orders) in how long, its latency,
 * and the CPU every process of the stack used meanwhile ({@code cpuMicros}, the generator included), from
 * which each process's share of a core and its CPU-microseconds per unit follow.
 */
record BenchRow(String name, long units, long requests, double seconds, double p50Ms, double p99Ms,
        Map<String, Long> cpuMicros, Map<String, Long> outcomes) {

    static final String GENERATOR = "generator";

    double perSecond() {
        return seconds > 0 ? units / seconds : 0;
    }

    double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** Percent of one core (200 % = both cores of this machine). */
    double cpuPercent(String process) {
        return seconds > 0 ? cpuMicros.getOrDefault(process, 0L) / (seconds * 1e6) * 100 : 0;
    }

    /** CPU-microseconds each unit cost this process. */
    double cpuMicrosPerUnit(String process) {
        return units > 0 ? (double) cpuMicros.getOrDefault(process, 0L) / units : 0;
    }

    double totalCpuMicrosPerUnit() {
        return units > 0 ? cpuMicros.values().stream().mapToLong(Long::longValue).sum() / (double) units : 0;
    }

    /** Several rounds of one mode as one row: units and CPU summed, latencies averaged over the rounds. */
    static BenchRow sum(String name, java.util.List<BenchRow> rounds) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        Map<String, Long> outcomes = new LinkedHashMap<>();
        rounds.forEach(round -> {
            round.cpuMicros().forEach((process, micros) -> cpu.merge(process, micros, Long::sum));
            round.outcomes().forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum));
        });
        return new BenchRow(name, rounds.stream().mapToLong(BenchRow::units).sum(),
                rounds.stream().mapToLong(BenchRow::requests).sum(), rounds.stream().mapToDouble(BenchRow::seconds).sum(),
                rounds.stream().mapToDouble(BenchRow::p50Ms).average().orElse(0),
                rounds.stream().mapToDouble(BenchRow::p99Ms).average().orElse(0), cpu, outcomes);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("perSecond", Math.round(perSecond()));
        json.put("units", units);
        json.put("requestsPerSecond", Math.round(requestsPerSecond()));
        json.put("seconds", round(seconds));
        json.put("p50Ms", round(p50Ms));
        json.put("p99Ms", round(p99Ms));
        Map<String, Object> percent = new LinkedHashMap<>();
        Map<String, Object> perUnit = new LinkedHashMap<>();
        cpuMicros.keySet().forEach(process -> {
            percent.put(process, round(cpuPercent(process)));
            perUnit.put(process, round(cpuMicrosPerUnit(process)));
        });
        json.put("cpuPercent", percent);
        json.put("cpuMicrosPerUnit", perUnit);
        json.put("outcomes", outcomes);
        return json;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
