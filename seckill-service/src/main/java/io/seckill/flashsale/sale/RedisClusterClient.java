package io.seckill.flashsale.sale;

import org.redisson.config.ReadMode;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redisson on a Redis Cluster (set by {@code spring.data.redis.cluster.nodes}; nothing changes on one node).
 * Every read goes to the master: Redisson's default reads from replicas, and a replica a few writes behind
 * would show a shopper no purchase just after its 202, or hand the lock strategy a stock count already spent.
 * The topology is rescanned every second (default 5 s), so after a failover commands reach the promoted
 * replica within about a second of the cluster electing it.
 */
@Configuration(proxyBeanMethods = false)
class RedisClusterClient {

    private static final int TOPOLOGY_SCAN_MILLIS = 1_000;

    @Bean
    RedissonAutoConfigurationCustomizer readFromMasters() {
        return config -> {
            if (config.isClusterConfig()) {
                config.useClusterServers().setReadMode(ReadMode.MASTER).setScanInterval(TOPOLOGY_SCAN_MILLIS);
            }
        };
    }
}
