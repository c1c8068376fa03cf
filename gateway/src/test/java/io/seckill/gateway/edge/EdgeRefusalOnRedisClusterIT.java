package io.seckill.gateway.edge;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SoldOutDoors} on the local Redis Cluster: two gateway processes in front of a seckill-service process, all
 * three on the cluster with nothing changed but their Redis settings (seckill-service waiting for a replica, as
 * {@code ./seckill up --redis-cluster} runs it). The sold-out and stock-returned signals cross the cluster's
 * pub/sub from Redisson's publisher to the gateways' Lettuce subscribers: both doors refuse from memory, and both
 * let shoppers through again when a unit comes back.
 */
@RequiresStack({StackServer.REDIS_CLUSTER, StackServer.MYSQL, StackServer.KAFKA})
class EdgeRefusalOnRedisClusterIT {

    private final Map<String, String> cluster = Map.of("SPRING_DATA_REDIS_CLUSTER_NODES", StackServer.clusterNodes());
    private ServiceProcess.Running seckill;
    private ServiceProcess.Running first;
    private ServiceProcess.Running second;

    @AfterEach
    void stop() {
        for (ServiceProcess.Running running : new ServiceProcess.Running[] {first, second, seckill}) {
            if (running != null) {
                running.stop();
            }
        }
    }

    @Test
    void aSoldOutSaleIsRefusedByEveryDoorUntilAUnitComesBackThenByNone() throws Exception {
        Map<String, String> seckillEnvironment = new HashMap<>(cluster);
        seckillEnvironment.putAll(Map.of("SECKILL_SALE_REPLICAS_CONFIRMATIONS", "1",
                "ID_SERVICE_URI", ServiceProcess.baseUrl("id-service"),
                "INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service")));
        // Its own Kafka group, from now on: the shared seckill-service (on the single Redis) follows the same order
        // events, and in one group either could take the cancellation this test sends and return the unit to its Redis.
        seckillEnvironment.put("SECKILL_STOCK_RETURNGROUP", "seckill-service-stock-on-cluster-" + UUID.randomUUID());
        seckillEnvironment.put("SPRING_KAFKA_CONSUMER_AUTO_OFFSET_RESET", "latest");
        seckill = ServiceProcess.startDetached("seckill-service", seckillEnvironment);
        Map<String, String> door = new HashMap<>(cluster);
        door.putAll(Map.of("SECKILL_SERVICE_URI", seckill.baseUrl(), "SECKILL_GATEWAY_SALESTATERECHECK", "60s"));
        first = ServiceProcess.startDetached("gateway", door);
        second = ServiceProcess.startDetached("gateway", door);

        SoldOutDoors.refuseUntilAUnitComesBackThenLetShoppersThrough(new ApiClient(first.baseUrl()),
                new ApiClient(second.baseUrl()));
    }
}
