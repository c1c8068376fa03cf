package io.seckill.demo.report;

import io.seckill.demo.observe.StackProbe.Ledger;
import io.seckill.demo.observe.StackProbe.Orders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of DESIGN.md, judged on what the stores hold after the sale, not on what the
 * services said. Each verdict carries the figures it was judged on.
 */
public final class Invariants {

    public static final String NO_OVERSELL = "never sell more than the stock";
    public static final String NO_LEAK = "never leak stock";
    public static final String USER_LIMIT = "never more than the per-user limit";
    public static final String ONE_ORDER_EACH = "every accepted purchase becomes exactly one order";
    public static final String REPLAY_HARMLESS = "a duplicate or replayed message changes nothing";

    private Invariants() {
    }

    /** What is judged: the sale's end state, and what a replay of accepted purchases changed. */
    public record Evidence(int stock, int perUserLimit, Set<Long> answeredAccepted, Set<Long> acceptedByPlatform,
            Set<Long> orderIds, Orders orders, Ledger ledger, int redisRemaining, int replayed,
            Snapshot beforeReplay, Snapshot afterReplay) {
    }

    /** The figures a replay must leave untouched. */
    public record Snapshot(Map<String, Integer> ordersByStatus, Ledger ledger, int redisRemaining) {
    }

    public record Verdict(boolean pass, String evidence) {

        public String word() {
            return pass ? "PASS" : "FAIL";
        }
    }

    /**
     * The ledger agrees with the orders and Redis with the ledger: nothing frozen, unpaid orders reserved, paid
     * ones sold, what is available on sale. Also what the demo waits for before it replays (a release still in
     * flight would otherwise count as the replay's doing).
     */
    public static boolean settled(Ledger l, Orders o, int redisRemaining) {
        return l.frozen() == 0 && l.reserved() == o.count("CREATED") && l.sold() == o.count("PAID")
                && redisRemaining == l.available();
    }

    public static Map<String, Verdict> judge(Evidence e) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Ledger l = e.ledger();
        Orders o = e.orders();
        // Units given back (cancelled or failed orders) go on sale again, so a sale may accept more
        // purchases than its stock over time; what must never exceed the stock is what is held at once.
        int committed = l.sold() + l.reserved() + l.frozen();
        int live = o.count("PAID") + o.count("CREATED");
        int netAccepted = e.acceptedByPlatform().size() - o.count("CANCELLED") - o.count("FAILED");
        verdicts.put(NO_OVERSELL, new Verdict(netAccepted <= e.stock() && live <= e.stock()
                && committed <= e.stock() && e.redisRemaining() >= 0,
                "accepted " + e.acceptedByPlatform().size() + " - returned " + (o.count("CANCELLED") + o.count("FAILED")) + " = "
                        + netAccepted + ", live orders " + live + ", ledger sold+reserved+frozen " + committed + " <= stock "
                        + e.stock() + "; Redis remaining " + e.redisRemaining() + " >= 0"));
        boolean conserved = l.total() == e.stock() && l.available() + l.frozen() + l.reserved() + l.sold() == l.total();
        verdicts.put(NO_LEAK, new Verdict(conserved && settled(l, o, e.redisRemaining()),
                "ledger " + l.available() + " available + " + l.frozen() + " frozen + " + l.reserved() + " reserved + "
                        + l.sold() + " sold = " + l.total() + " of " + e.stock() + "; sold = paid orders " + o.count("PAID")
                        + "; reserved = unpaid orders " + o.count("CREATED") + "; Redis remaining " + e.redisRemaining()
                        + " = ledger available " + l.available()));
        verdicts.put(USER_LIMIT, new Verdict(o.maxUnitsPerUser() <= e.perUserLimit(),
                "most units held by one user: " + o.maxUnitsPerUser() + " <= limit " + e.perUserLimit()));
        boolean answeredAreAccepted = e.acceptedByPlatform().containsAll(e.answeredAccepted());
        verdicts.put(ONE_ORDER_EACH, new Verdict(answeredAreAccepted && e.orderIds().equals(e.acceptedByPlatform())
                && o.total() == e.acceptedByPlatform().size(),
                e.acceptedByPlatform().size() + " accepted (" + e.answeredAccepted().size() + " answered 202), "
                        + o.total() + " orders, same ids: " + e.orderIds().equals(e.acceptedByPlatform())));
        verdicts.put(REPLAY_HARMLESS, new Verdict(e.replayed() > 0 && e.beforeReplay().equals(e.afterReplay()),
                e.replayed() + " accepted purchases sent to Kafka again; orders, ledger and Redis "
                        + (e.beforeReplay().equals(e.afterReplay()) ? "unchanged" : "CHANGED: " + e.beforeReplay() + " -> " + e.afterReplay())));
        return verdicts;
    }
}
