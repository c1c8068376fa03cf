package io.seckill.order;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;
import io.seckill.order.events.KafkaRoundTripIT;
import io.seckill.order.placement.SeataGlobalTransactionIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every integration test of order-service (Seata leaves a TCC bean unproxied in
 * a second context of the same JVM), calling a real inventory-service started from its built jar, and
 * answering HTTP on a real port.
 */
@RequiresStack({StackServer.MYSQL, StackServer.KAFKA, StackServer.SEATA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"seckill.settlement.payment-timeout=1h", "seckill.settlement.timeout-scan=500ms",
        "seckill.settlement.global-timeout=10s"})
@Import({SeataGlobalTransactionIT.Transactions.class, KafkaRoundTripIT.Received.class, Settlements.class})
public abstract class OrderStack {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("it.topic", () -> KafkaRoundTripIT.TOPIC);
        registry.add("seckill.settlement.inventory-base-url", () -> ServiceProcess.baseUrl("inventory-service"));
    }
}
