package io.seckill.flashsale.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Redisson against the real Redis: a lock that really excludes, and an atomic counter. */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS, StackServer.KAFKA})
@SpringBootTest
class RedissonRoundTripIT {

    @Autowired
    RedissonClient redisson;

    /**
     * Lost update under contention: 16 threads each read-modify-write one plain Redis value 50 times.
     * Without the lock increments would be lost; under it the total is exact.
     */
    @Test
    void theLockSerialisesReadModifyWriteAcrossThreads() throws Exception {
        String key = "it:{" + UUID.randomUUID() + "}";
        RBucket<Long> value = redisson.getBucket(key + ":value");
        value.set(0L);
        RLock lock = redisson.getLock(key + ":lock");
        int threads = 16;
        int rounds = 50;

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    lock.lock(10, TimeUnit.SECONDS);
                    try {
                        value.set(value.get() + 1);
                    } finally {
                        lock.unlock();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(value.get()).isEqualTo((long) threads * rounds);
        redisson.getKeys().delete(key + ":value", key + ":lock");
    }

    @Test
    void anAtomicCounterDecrementsOnTheServer() {
        RAtomicLong counter = redisson.getAtomicLong("it:{" + UUID.randomUUID() + "}:stock");
        counter.set(3);

        assertThat(counter.decrementAndGet()).isEqualTo(2);
        assertThat(counter.addAndGet(-2)).isZero();
        counter.delete();
    }
}
