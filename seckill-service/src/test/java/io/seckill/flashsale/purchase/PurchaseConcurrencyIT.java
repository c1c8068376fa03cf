package io.seckill.flashsale.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.OrderRequested;
import io.seckill.flashsale.OrderRequestsOnKafka;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.activity.Activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The flash crowd: many shoppers on many threads, each getting a token and buying, against real Redis
 * and Kafka. Reproduces the oversell and over-limit races of check-then-decrement designs (miaosha #23,
 * goodsKill #134, springboot-seckill #35): with the atomic script, and with the lock strategy too,
 * exactly the stock is sold, Redis never goes negative, no shopper exceeds the limit, and every
 * accepted purchase reaches Kafka once with its own order id.
 */
class PurchaseConcurrencyIT extends SaleStack {

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    @Autowired
    PurchaseSettings settings;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Autowired
    JsonMapper json;

    @AfterEach
    void defaultStrategy() {
        settings.setStrategy(PurchaseSettings.Strategy.LUA);
    }

    @ParameterizedTest(name = "{0}: {1} units, {2} attempts from {3} users, limit {4}")
    @CsvSource({"LUA, 1000, 20000, 5000, 2", "REDISSON_LOCK, 300, 3000, 1000, 2"})
    void exactlyTheStockIsSoldAndEveryAcceptedPurchaseReachesKafkaOnce(PurchaseSettings.Strategy strategy, int stock,
            int attempts, int users, int limit) throws Exception {
        settings.setStrategy(strategy);
        Activity sale = openSale(stock, limit);
        long activityId = sale.getActivityId();

        Set<Long> acceptedOrderIds = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
        AtomicLong lowestStockSeen = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean buying = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (buying.get()) {
                lowestStockSeen.accumulateAndGet(redisStock(activityId), Math::min);
            }
        });
        watcher.start();

        ExecutorService shoppers = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            String user = "shopper-" + (attempt % users);
            done.add(shoppers.submit(() -> {
                try {
                    String token = tokens.issue(user, activityId).token();
                    PurchaseOutcome outcome = placing.place(user, activityId, token, 1);
                    if (outcome instanceof PurchaseOutcome.Accepted accepted) {
                        assertThat(acceptedOrderIds.add(accepted.orderId())).as("order id issued twice").isTrue();
                    } else {
                        refusals.computeIfAbsent(((PurchaseOutcome.Refused) outcome).code().name(), c -> new AtomicLong()).incrementAndGet();
                    }
                } catch (ProblemException refusedAtTokenTime) {
                    refusals.computeIfAbsent(refusedAtTokenTime.code().name(), c -> new AtomicLong()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        shoppers.shutdown();
        buying.set(false);
        watcher.join();

        assertThat(acceptedOrderIds).hasSize(stock);
        assertThat(redisStock(activityId)).isZero();
        assertThat(lowestStockSeen.get()).as("Redis stock never negative").isGreaterThanOrEqualTo(0);
        assertThat(refusals.keySet()).isSubsetOf(ErrorCode.SOLD_OUT.name(), ErrorCode.LIMIT_REACHED.name());
        Map<String, String> held = buyers(activityId);
        assertThat(held.values().stream().mapToInt(Integer::parseInt).max().orElse(0)).as("per-user limit").isLessThanOrEqualTo(limit);
        assertThat(held.values().stream().mapToInt(Integer::parseInt).sum()).isEqualTo(stock);

        List<OrderRequested> relayed = OrderRequestsOnKafka.read(consumers, json, activityId, stock,
                Duration.ofSeconds(90), Duration.ofSeconds(3));
        assertThat(relayed).hasSize(stock);
        assertThat(relayed.stream().map(OrderRequested::orderId).collect(Collectors.toSet())).isEqualTo(acceptedOrderIds);
    }

    /**
     * The race a signed token creates: nothing is stored when it is issued, so a shopper (or a bot sharing
     * it) can fire the same token from many connections at once. Its single use is the nonce's used-mark
     * set inside the purchase script: exactly one of 64 simultaneous uses is accepted, however the limit
     * and the stock would allow more.
     */
    @org.junit.jupiter.api.RepeatedTest(3)
    void oneTokenFiredFromManyThreadsAtOnceBuysOnce() throws Exception {
        Activity sale = openSale(100, 100);
        long activityId = sale.getActivityId();
        String token = tokens.issue("token-racer", activityId).token();
        int threads = 64;
        ExecutorService racers = Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Future<PurchaseOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            outcomes.add(racers.submit(() -> {
                start.await();
                return placing.place("token-racer", activityId, token, 1);
            }));
        }
        start.countDown();
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        for (Future<PurchaseOutcome> f : outcomes) {
            PurchaseOutcome outcome = f.get(1, TimeUnit.MINUTES);
            String name = outcome instanceof PurchaseOutcome.Refused refused ? refused.code().name() : "ACCEPTED";
            byOutcome.merge(name, 1L, Long::sum);
        }
        racers.shutdown();
        assertThat(byOutcome).containsExactlyInAnyOrderEntriesOf(Map.of("ACCEPTED", 1L, ErrorCode.TOKEN_INVALID.name(), 63L));
        assertThat(redisStock(activityId)).isEqualTo(99);
        assertThat(buyers(activityId)).containsExactly(Map.entry("token-racer", "1"));
    }
}
