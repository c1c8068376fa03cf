package io.seckill.inventory;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.inventory.hold.HoldingStockFenceIT;
import io.seckill.inventory.hold.SeataTccRoundTripIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * One Spring context for every integration test of this service. Seata keeps its proxy bookkeeping
 * in static state: a TCC bean proxied in one context is silently left unproxied in a second context of
 * the same JVM (no branch, no fence, no phase two). So every test participant is imported here, once.
 */
@RequiresStack({StackServer.MYSQL, StackServer.SEATA})
@SpringBootTest
@Import({SeataTccRoundTripIT.RecordingProbeAction.class, SeataTccRoundTripIT.ProbeTransactions.class,
        HoldingStockFenceIT.Placements.class})
public abstract class InventoryStack {
}
