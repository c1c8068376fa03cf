package io.seckill.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The demo's flags, validated before anything runs. */
public record DemoOptions(int stock, int shoppers, int perUserLimit, double paymentShare, Duration paymentTimeout,
        int concurrency, boolean chaos, boolean json, String gateway) {

    static final String USAGE = """
            usage: ./seckill demo [--stock N] [--shoppers N] [--limit N] [--pay-share F] [--payment-timeout D]
                                  [--concurrency N] [--chaos] [--json]
              --stock N            units on sale (default 1000)
              --shoppers N         simulated shoppers, each logs in and buys in the burst (default 20000, max 50000)
              --limit N            per-user limit of the sale (default 1); a tenth of the shoppers try to buy one more
              --pay-share F        share of placed orders that are paid, 0..1 (default 0.6); the rest time out
              --payment-timeout D  how long an order may stay unpaid once the burst is over, e.g. 20s (default 20s)
              --concurrency N      requests in flight at once (default 64)
              --chaos              kill -9 and restart an instance each of seckill-, order- and inventory-service, Kafka and
                                   (with --redis-cluster) the sale's Redis master during the sale
              --json               print one JSON object instead of the report
              --gateway URL        the gateway to drive (default $SECKILL_GATEWAY_URL or http://127.0.0.1:8080);
                                   knobs, stores and chaos are still the local stack's
            """;

    static DemoOptions parse(String[] args) {
        int stock = 1000;
        int shoppers = 20_000;
        int limit = 1;
        double share = 0.6;
        Duration timeout = Duration.ofSeconds(20);
        int concurrency = 64;
        boolean chaos = false;
        boolean json = false;
        String gateway = System.getenv().getOrDefault("SECKILL_GATEWAY_URL", "http://127.0.0.1:8080");
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            try {
                switch (flag) {
                    case "--stock" -> stock = Integer.parseInt(args[++i]);
                    case "--shoppers" -> shoppers = Integer.parseInt(args[++i]);
                    case "--limit" -> limit = Integer.parseInt(args[++i]);
                    case "--pay-share" -> share = Double.parseDouble(args[++i]);
                    case "--payment-timeout" -> timeout = duration(args[++i]);
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--chaos" -> chaos = true;
                    case "--json" -> json = true;
                    case "--gateway" -> gateway = args[++i];
                    default -> errors.add("unknown flag " + flag);
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                errors.add(flag + " needs a value");
            } catch (IllegalArgumentException e) {
                errors.add(flag + ": " + e.getMessage());
            }
        }
        if (stock < 1 || stock > 1_000_000) errors.add("--stock must be 1..1000000");
        if (shoppers < 1 || shoppers > 50_000) errors.add("--shoppers must be 1..50000 (the configured demo shoppers)");
        if (limit < 1 || limit > 100) errors.add("--limit must be 1..100");
        if (share < 0 || share > 1) errors.add("--pay-share must be between 0 and 1");
        if (timeout.compareTo(Duration.ofSeconds(5)) < 0 || timeout.compareTo(Duration.ofMinutes(30)) > 0) {
            errors.add("--payment-timeout must be 5s..30m");
        }
        if (concurrency < 1 || concurrency > 1024) errors.add("--concurrency must be 1..1024");
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors) + "\n" + USAGE);
        }
        return new DemoOptions(stock, shoppers, limit, share, timeout, concurrency, chaos, json, gateway);
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        throw new IllegalArgumentException("'" + text + "' is not a duration like 20s or 2m");
    }
}
