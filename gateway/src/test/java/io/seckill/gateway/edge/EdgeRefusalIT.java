package io.seckill.gateway.edge;

import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.gateway.GatewayStack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link SoldOutDoors} on one Redis: this test's gateway and a second one started from the built jar, in front of
 * the same seckill-service. Reproduces the race a per-instance flag would lose: a unit returned while every door
 * still says sold out.
 */
class EdgeRefusalIT extends GatewayStack {

    @Autowired
    EdgeProperties edge;

    private String shipped;
    private ServiceProcess.Running second;

    @BeforeEach
    void aLongRecheck() throws IOException {
        shipped = Files.readString(CONFIG_FILE);
        Files.writeString(CONFIG_FILE, shipped.replace("sale-state-recheck: 1s", "sale-state-recheck: 60s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.getSaleStateRecheck().equals(Duration.ofSeconds(60)));
        second = ServiceProcess.startDetached("gateway", Map.of(
                "SECKILL_SERVICE_URI", seckillService(), "ORDER_SERVICE_URI", orderService(),
                "SECKILL_GATEWAY_SALESTATERECHECK", "60s"));
    }

    @AfterEach
    void restore() throws IOException {
        if (second != null) {
            second.stop();
        }
        Files.writeString(CONFIG_FILE, shipped);
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.getSaleStateRecheck().equals(Duration.ofSeconds(1)));
    }

    @Test
    void aSoldOutSaleIsRefusedByEveryDoorUntilAUnitComesBackThenByNone() throws Exception {
        SoldOutDoors.refuseUntilAUnitComesBackThenLetShoppersThrough(client(), new ApiClient(second.baseUrl()));
    }
}
