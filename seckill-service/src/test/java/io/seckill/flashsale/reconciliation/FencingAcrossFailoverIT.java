package io.seckill.flashsale.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.RedisClusterNodes;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServerFaults;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.OnRedisCluster;
import io.seckill.flashsale.SaleStack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The split brain the lock articles worry about, on the local Redis Cluster: the master holding the
 * reconciliation lock (and its fencing-token counter) is killed -9 right after a runner took a token, and its
 * replica takes over. Had the token's increment been acknowledged before it reached the replica, the next
 * runner would draw the same token again and a stale runner's write would pass the fence. Redisson waits
 * for the replica when it takes a lock on a replicated master, so the next token is higher and the stale
 * write is refused.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS_CLUSTER, StackServer.KAFKA})
class FencingAcrossFailoverIT extends SaleStack {

    private static final String LOCK = "sk:{reconciliation}:lock";

    @DynamicPropertySource
    static void onTheCluster(DynamicPropertyRegistry registry) {
        OnRedisCluster.configure(registry);
    }

    @Autowired
    Reconciling reconciling;

    @Autowired
    RedissonClient redisson;

    @Test
    void aStaleRunnersWriteIsRefusedAfterTheLocksMasterFailsOver() {
        long activityId = openSale(10, 1).getActivityId();
        long stale = takeToken();
        int master = RedisClusterNodes.masterOf(LOCK);

        ServerFaults.kill("redis-" + master);
        int promoted = RedisClusterNodes.awaitFailover(LOCK, master, Duration.ofSeconds(30));
        try {
            // Redisson learns the new master within its topology scan; until then a run may fail.
            long newer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(this::takeToken, token -> token != null);

            assertThat(newer).as("token after the failover (new master on " + promoted + ")").isGreaterThan(stale);
            assertThat(reconciling.fencedRepair(activityId, newer, 10)).isTrue();
            assertThat(reconciling.fencedRepair(activityId, stale, 4)).as("stale runner refused").isFalse();
            assertThat(redisStock(activityId)).isEqualTo(10);
        } finally {
            // Only now: a master restarted empty before its replica was promoted would serve its slots empty.
            ServerFaults.bringBack(Duration.ofSeconds(90));
        }
    }

    /**
     * A runner's turn at the lock, as {@link Reconciling#run} takes it, without the order-service read that
     * follows: the stale runner's lease has run out (a long pause) by the time it writes.
     */
    private Long takeToken() {
        RFencedLock lock = redisson.getFencedLock(LOCK);
        Long token = lock.tryLockAndGetToken(5, 30, TimeUnit.SECONDS);
        if (token != null) {
            lock.unlock();
        }
        return token;
    }
}
