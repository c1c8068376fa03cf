package io.seckill.demo.crowd;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.demo.report.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The simulated shoppers: shopper-1 … shopper-N, each with a token from the development login and an
 * address of its own. In the burst every shopper gets a purchase token and buys one unit; every tenth
 * is greedy and tries once more than the per-user limit allows.
 */
public final class Crowd {

    private static final String PREFIX = "shopper-";
    private final ApiClient gateway;
    private final int size;
    private final int concurrency;
    private final String[] tokens;

    public Crowd(ApiClient gateway, int size, int concurrency) {
        this.gateway = gateway;
        this.size = size;
        this.concurrency = concurrency;
        this.tokens = new String[size + 1];
    }

    public static String username(int shopper) {
        return PREFIX + shopper;
    }

    /** The inverse of {@link #username(int)}. */
    public static int shopperOf(String username) {
        return Integer.parseInt(username.substring(PREFIX.length()));
    }

    /** Logs every shopper in; returns how many could not (they sit the sale out). */
    public int logIn(Progress progress) {
        AtomicInteger failed = new AtomicInteger();
        forEachShopper(progress, "logging in", shopper -> {
            ApiClient.Reply login = call("POST", "/auth/login", null,
                    Map.of("username", username(shopper), "password", DemoAccounts.SHOPPER_PASSWORD), shopper);
            if (login.ok()) {
                tokens[shopper] = login.text("accessToken");
            } else {
                failed.incrementAndGet();
            }
        });
        return failed.get();
    }

    /** The burst: every logged-in shopper buys; greedy ones try {@code perUserLimit + 1} times. */
    public BurstOutcome buy(long activityId, int perUserLimit, Progress progress) {
        BurstOutcome outcome = new BurstOutcome();
        forEachShopper(progress, "buying", shopper -> {
            if (tokens[shopper] == null) return;
            int attempts = shopper % 10 == 0 ? perUserLimit + 1 : 1;
            for (int i = 0; i < attempts; i++) {
                ApiClient.Reply issued = call("POST", "/api/activities/" + activityId + "/purchase-token", tokens[shopper], null, shopper);
                if (!issued.ok()) {
                    outcome.refused(issued.code());
                    continue;
                }
                long started = System.nanoTime();
                ApiClient.Reply bought = call("POST", issued.text("purchasePath"), tokens[shopper], Map.of("quantity", 1), shopper);
                long latency = System.nanoTime() - started;
                if (bought.status() == 202) {
                    outcome.accepted(Long.parseLong(bought.text("orderId")), shopper, latency);
                } else if ("PURCHASE_UNCONFIRMED".equals(bought.code())) {
                    outcome.unconfirmed(Long.parseLong(bought.text("orderId")), latency);
                } else {
                    outcome.refused(bought.code(), latency);
                }
            }
        });
        return outcome;
    }

    /** Pays the given orders, each by its own shopper; returns how many payments were answered with each code. */
    public Map<String, Integer> pay(List<Map.Entry<Long, Integer>> orders, Progress progress) {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        List<Map.Entry<Long, Integer>> work = new ArrayList<>(orders);
        run(progress, "paying", work.size(), index -> {
            Map.Entry<Long, Integer> order = work.get(index);
            ApiClient.Reply paid = call("POST", "/api/orders/" + order.getKey() + "/payment", tokens[order.getValue()], null, order.getValue());
            answers.merge(paid.ok() ? "PAID" : paid.code(), 1, Integer::sum);
        });
        return answers;
    }

    private void forEachShopper(Progress progress, String phase, IntConsumer shopperTask) {
        run(progress, phase, size, index -> shopperTask.accept(index + 1));
    }

    private void run(Progress progress, String phase, int count, IntConsumer task) {
        AtomicInteger done = new AtomicInteger();
        progress.start(phase, count);
        inParallel(concurrency, count, index -> {
            try {
                task.accept(index);
            } finally {
                progress.update(done.incrementAndGet());
            }
        });
        progress.finish();
    }

    /** Runs {@code task(0..count-1)} on {@code threads} threads and returns when all are done. */
    public static void inParallel(int threads, int count, IntConsumer task) {
        // As many shoppers at once as requests may be in flight: each one's calls are sequential.
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks.add(() -> {
                    task.accept(index);
                    return null;
                });
            }
            pool.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
    }

    /** The login token of a shopper (null if its login failed). */
    public String token(int shopper) {
        return tokens[shopper];
    }

    /** As the shopper's own client behind the load balancer, which names its address in X-Forwarded-For. */
    private ApiClient.Reply call(String method, String path, String token, Object body, int shopper) {
        return gateway.send(method, path, token, body, Map.of("X-Forwarded-For", address(shopper)));
    }

    /** 10.x.y.z, distinct per shopper. */
    public static String address(int shopper) {
        return "10." + ((shopper >> 16) & 0xff) + "." + ((shopper >> 8) & 0xff) + "." + (shopper & 0xff);
    }
}
