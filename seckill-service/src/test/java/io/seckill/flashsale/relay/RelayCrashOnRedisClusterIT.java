package io.seckill.flashsale.relay;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.OnRedisCluster;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RelayCrashIT} on the local Redis Cluster: a dead relay's pending entries are claimed (XAUTOCLAIM on
 * the node holding the sale's stream) and published once; an unpublishable request is dead-lettered and
 * replayed. Only the Redis settings differ ({@link OnRedisCluster}: the relay publishes what a replica confirmed).
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS_CLUSTER, StackServer.KAFKA})
class RelayCrashOnRedisClusterIT extends RelayCrashIT {

    @DynamicPropertySource
    static void onTheCluster(DynamicPropertyRegistry registry) {
        OnRedisCluster.configure(registry);
    }
}
