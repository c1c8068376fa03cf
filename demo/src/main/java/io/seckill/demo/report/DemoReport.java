package io.seckill.demo.report;

import io.seckill.demo.observe.StackProbe.Ledger;
import io.seckill.demo.observe.StackProbe.Orders;
import io.seckill.demo.report.Invariants.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The demo's result, as a report for people or one JSON object for scripts. */
public record DemoReport(long activityId, int stock, int shoppers, int perUserLimit, int redisRemaining, Ledger ledger,
        int accepted, int acceptedByPlatform, Map<String, Long> rejected, int unconfirmed, int unconfirmedStood, Orders orders, Map<String, Integer> payments,
        double p50Millis, double p99Millis, double burstSeconds, double durationSeconds, Double settlementSeconds, List<String> chaos,
        Map<String, Verdict> invariants) {

    public boolean allPass() {
        return invariants.values().stream().allMatch(Verdict::pass);
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nFlash sale %d: %,d units, %,d shoppers, limit %d per user%n", activityId, stock, shoppers, perUserLimit));
        out.append(String.format("  accepted (202)        %,d%s%n", accepted,
                acceptedByPlatform != accepted ? String.format("  (platform recorded %,d; the rest were taken but answered"
                        + " otherwise: PURCHASE_UNCONFIRMED that stood, or an answer lost to a kill)", acceptedByPlatform) : ""));
        if (unconfirmed > 0) {
            out.append(String.format("  unconfirmed           %,d answered PURCHASE_UNCONFIRMED (no Redis replica confirmed them in time):"
                    + " %,d stood and became orders, %,d did not%n", unconfirmed, unconfirmedStood, unconfirmed - unconfirmedStood));
        }
        out.append("  rejected              ");
        out.append(rejected.isEmpty() ? "none" : String.join(", ", rejected.entrySet().stream()
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).toList()));
        out.append('\n');
        out.append(String.format("  burst                 %.1f s from the sale's opening to the last shopper's answer%n", burstSeconds));
        out.append(String.format("  purchase latency      p50 %.1f ms, p99 %.1f ms (through the gateway)%n", p50Millis, p99Millis));
        out.append(String.format("  orders                created %,d, paid %,d, cancelled %,d, failed %,d, unpaid %,d%n",
                orders.placed(), orders.count("PAID"), orders.count("CANCELLED"), orders.count("FAILED"), orders.count("CREATED")));
        out.append(settlementSeconds == null ? "  settlement            n/a (no purchase accepted, or not all became orders in time)\n"
                : String.format("  settlement            %.1f s from the last 202 to the last order created%n", settlementSeconds));
        out.append(String.format("  stock                 Redis remaining %,d; ledger available %,d, frozen %,d, reserved %,d, sold %,d%n",
                redisRemaining, ledger.available(), ledger.frozen(), ledger.reserved(), ledger.sold()));
        out.append(String.format("  duration              %.1f s%n", durationSeconds));
        if (!chaos.isEmpty()) {
            out.append("  chaos\n");
            chaos.forEach(event -> out.append("    ").append(event).append('\n'));
        }
        out.append("\nInvariants\n");
        invariants.forEach((name, verdict) -> out.append(String.format("  %s  %-50s %s%n", verdict.word(), name, verdict.evidence())));
        return out.toString();
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("activityId", Long.toString(activityId));
        json.put("shoppers", shoppers);
        json.put("perUserLimit", perUserLimit);
        Map<String, Object> ledgerJson = new LinkedHashMap<>();
        ledgerJson.put("available", ledger.available());
        ledgerJson.put("frozen", ledger.frozen());
        ledgerJson.put("reserved", ledger.reserved());
        ledgerJson.put("sold", ledger.sold());
        Map<String, Object> stockJson = new LinkedHashMap<>();
        stockJson.put("initial", stock);
        stockJson.put("redisRemaining", redisRemaining);
        stockJson.put("ledger", ledgerJson);
        json.put("stock", stockJson);
        json.put("accepted", accepted);
        json.put("acceptedByPlatform", acceptedByPlatform);
        json.put("rejected", rejected);
        Map<String, Integer> orderCounts = new LinkedHashMap<>();
        orderCounts.put("created", orders.placed());
        orderCounts.put("paid", orders.count("PAID"));
        orderCounts.put("cancelled", orders.count("CANCELLED"));
        orderCounts.put("failed", orders.count("FAILED"));
        orderCounts.put("unpaid", orders.count("CREATED"));
        json.put("orders", orderCounts);
        json.put("payments", payments);
        Map<String, Double> latency = new LinkedHashMap<>();
        latency.put("p50", round(p50Millis));
        latency.put("p99", round(p99Millis));
        json.put("latencyMs", latency);
        json.put("settlementSeconds", settlementSeconds == null ? null : round(settlementSeconds));
        json.put("burstSeconds", round(burstSeconds));
        json.put("durationSeconds", round(durationSeconds));
        json.put("chaos", chaos);
        Map<String, Map<String, String>> verdicts = new LinkedHashMap<>();
        invariants.forEach((name, verdict) -> verdicts.put(name, Map.of("verdict", verdict.word(), "evidence", verdict.evidence())));
        json.put("invariants", verdicts);
        return JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
