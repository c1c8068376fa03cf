package io.seckill.flashsale.sale;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.testsupport.RedisClusterNodes;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServerFaults;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.OnRedisCluster;
import io.seckill.flashsale.OrderRequestsOnKafka;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.purchase.PlacingPurchase;
import io.seckill.flashsale.purchase.PurchaseOutcome;
import io.seckill.flashsale.purchase.PurchaseResults;
import io.seckill.flashsale.purchase.PurchaseTokens;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The write a failover forgets: Redis replicates asynchronously, so a purchase acknowledged by the master
 * before its replica has it is lost when that replica is promoted, and its unit is sold again. On the local
 * cluster as {@link OnRedisCluster} configures it ({@code seckill.sale.replicas.confirmations=1}): while the sale's replica is frozen (SIGSTOP: it
 * confirms nothing), a purchase the master took is answered PURCHASE_UNCONFIRMED, never accepted, and the relay
 * holds it back from Kafka (else its order would hold a unit the promoted replica still sells); once the replica
 * answers again, the relay publishes it, and a new purchase is accepted.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS_CLUSTER, StackServer.KAFKA})
class ReplicaConfirmationIT extends SaleStack {

    @DynamicPropertySource
    static void onTheClusterWaitingForOneReplica(DynamicPropertyRegistry registry) {
        OnRedisCluster.configure(registry);
    }

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    @Autowired
    PurchaseResults results;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Autowired
    JsonMapper json;

    @Test
    void aPurchaseNoReplicaConfirmedIsNotAcceptedAndReachesKafkaOnlyOnceOneDoes() {
        long activityId = openSale(10, 5).getActivityId();
        PurchaseOutcome before = buy("replica-shopper-1", activityId);
        assertThat(before).isInstanceOf(PurchaseOutcome.Accepted.class);
        assertThat(OrderRequestsOnKafka.read(consumers, json, activityId, 1, Duration.ofSeconds(30), Duration.ZERO)).hasSize(1);

        int replica = RedisClusterNodes.replicaOf(RedisClusterNodes.masterOf(new SaleKeys(activityId).stock()));
        PurchaseOutcome unconfirmed;
        ServerFaults.freeze("redis-" + replica);
        try {
            unconfirmed = buy("replica-shopper-2", activityId);
            assertThat(unconfirmed).as("answered while no replica confirms").isInstanceOf(PurchaseOutcome.Unconfirmed.class);
            long orderId = ((PurchaseOutcome.Unconfirmed) unconfirmed).orderId();
            // The master took it: the shopper's result says so (read from the master), and the unit is counted.
            assertThat(results.of("replica-shopper-2", activityId, orderId).status()).isEqualTo("QUEUED");
            assertThat(redisStock(activityId)).isEqualTo(8);
            List<OrderRequested> whileFrozen = OrderRequestsOnKafka.read(consumers, json, activityId, 2,
                    Duration.ofSeconds(4), Duration.ZERO);
            assertThat(whileFrozen).extracting(OrderRequested::orderId).as("held back from Kafka")
                    .containsExactly(((PurchaseOutcome.Accepted) before).orderId());
        } finally {
            ServerFaults.thaw("redis-" + replica);
        }

        List<OrderRequested> relayed = OrderRequestsOnKafka.read(consumers, json, activityId, 2,
                Duration.ofSeconds(60), Duration.ofSeconds(2));
        assertThat(relayed.stream().map(OrderRequested::orderId).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                ((PurchaseOutcome.Accepted) before).orderId(), ((PurchaseOutcome.Unconfirmed) unconfirmed).orderId());
        assertThat(buy("replica-shopper-3", activityId)).isInstanceOf(PurchaseOutcome.Accepted.class);
        assertThat(redisStock(activityId)).isEqualTo(7);
    }

    private PurchaseOutcome buy(String user, long activityId) {
        return placing.place(user, activityId, tokens.issue(user, activityId).token(), 1);
    }
}
