package io.seckill.flashsale;

import io.seckill.common.testsupport.StackServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How seckill-service runs on the local Redis Cluster, as {@code ./seckill up --redis-cluster} starts it: only the
 * cluster's nodes configured, and every purchase, stock return and relayed request waiting for one replica. Every
 * cluster IT uses exactly this, so the relays of their (cached) contexts, which all read the same streams, behave
 * alike. {@code -Dit.confirmations=0} runs them without the wait, to see what it prevents (PurchaseFailoverIT fails).
 */
public final class OnRedisCluster {

    private OnRedisCluster() {
    }

    public static void configure(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", StackServer::clusterNodes);
        registry.add("seckill.sale.replicas.confirmations", () -> System.getProperty("it.confirmations", "1"));
        registry.add("seckill.sale.replicas.timeout", () -> "300ms");
    }
}
