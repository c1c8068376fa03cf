package io.seckill.flashsale.purchase;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.OnRedisCluster;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The flash crowd of {@link PurchaseConcurrencyIT} on the local Redis Cluster (three masters, a replica
 * each) as {@link OnRedisCluster} configures it, every accepted purchase waiting for a replica: the purchase
 * script's keys share the sale's hash slot, the relay reads each sale's stream on the node that holds it, and the Redisson lock
 * strategy takes its lock there too. Exactly the stock is sold, no shopper above the limit, every accepted
 * purchase on Kafka once.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS_CLUSTER, StackServer.KAFKA})
class PurchaseConcurrencyOnRedisClusterIT extends PurchaseConcurrencyIT {

    @DynamicPropertySource
    static void onTheCluster(DynamicPropertyRegistry registry) {
        OnRedisCluster.configure(registry);
    }
}
