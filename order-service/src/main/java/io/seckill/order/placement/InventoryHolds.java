package io.seckill.order.placement;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.seata.core.context.RootContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * inventory-service's stock holds over HTTP. The Try carries the global transaction id in
 * {@code TX_XID}, so inventory's branch joins this service's global transaction.
 */
@Component
public class InventoryHolds {

    private final RestClient inventory;

    InventoryHolds(RestClient.Builder http, SettlementProperties properties) {
        this.inventory = http.baseUrl(properties.inventoryBaseUrl()).build();
    }

    public void tryHold(long orderId, long activityId, int quantity) {
        inventory.post().uri("/internal/holds").header(RootContext.KEY_XID, RootContext.getXID())
                .body(Map.of("orderId", orderId, "activityId", activityId, "quantity", quantity))
                .retrieve()
                .onStatus(status -> status.value() == 409, (request, response) -> {
                    // 409 is either "no unit left" (final) or "this order already holds stock" (a concurrent
                    // attempt for the same order: not final, it is retried and then finds the order).
                    String problem = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (problem.contains("\"code\":\"SOLD_OUT\"")) {
                        throw new NoStockInLedger(activityId);
                    }
                    throw new ProblemException(ErrorCode.INVALID_STATE, "inventory: " + problem);
                })
                .toBodilessEntity();
    }

    public void sell(long orderId) {
        settle(orderId, "sell");
    }

    public void release(long orderId) {
        settle(orderId, "release");
    }

    public void reserveAgain(long orderId) {
        settle(orderId, "reserve-again");
    }

    private void settle(long orderId, String action) {
        inventory.post().uri("/internal/holds/{orderId}/{action}", orderId, action).retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw new ProblemException(ErrorCode.INVALID_STATE, "inventory refused to " + action
                            + " the stock of order " + orderId + " (" + response.getStatusCode().value() + ")");
                })
                .toBodilessEntity();
    }

    /** The ledger of record has no unit for this order: placement fails for good (not retried). */
    public static class NoStockInLedger extends RuntimeException {
        NoStockInLedger(long activityId) {
            super("the ledger of activity " + activityId + " has no available unit");
        }
    }
}
