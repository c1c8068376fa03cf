package io.seckill.order.inventory;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.error.Problems;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.seata.core.context.RootContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * inventory-service's stock holds over HTTP, its refusals read by their problem {@code code}. The group
 * Try carries the global transaction id in {@code TX_XID}, so inventory's branch joins this service's
 * global transaction.
 */
@Component
public class InventoryClient {

    private final RestClient inventory;
    private final JsonMapper json;

    InventoryClient(RestClient.Builder http, @Value("${seckill.settlement.inventory-base-url}") String baseUrl, JsonMapper json) {
        this.inventory = http.baseUrl(baseUrl).build();
        this.json = json;
    }

    /** One order's units in a group. */
    public record Hold(long orderId, int quantity) {
    }

    /** TCC Try: freezes the group's units; {@link NotEnoughStock} when the ledger cannot cover them all. */
    public void tryHold(long activityId, List<Hold> holds) {
        inventory.post().uri("/internal/holds/groups").header(RootContext.KEY_XID, RootContext.getXID())
                .body(Map.of("activityId", activityId, "holds", holds))
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    JsonNode problem = problem(response);
                    if (ErrorCode.SOLD_OUT.name().equals(problem.path(Problems.CODE).asString())) {
                        throw new NotEnoughStock(activityId, problem.path("available").asInt(0));
                    }
                    throw refused("hold the units of " + holds.size() + " orders", response, problem);
                })
                .toBodilessEntity();
    }

    /**
     * Whether inventory keeps a ledger for the sale: every sale seckill-service published has one (opened
     * before its stock reaches Redis), so a request for any other is no purchase this platform accepted.
     * A failure to ask is thrown, never answered as "unknown".
     */
    public boolean ledgerExists(long activityId) {
        return inventory.get().uri("/internal/ledgers/{activityId}", activityId)
                .exchange((request, response) -> {
                    if (response.getStatusCode().is2xxSuccessful()) {
                        return true;
                    }
                    if (response.getStatusCode().value() == 404) {
                        return false;
                    }
                    throw refused("read the ledger of activity " + activityId, response, problem(response));
                });
    }

    public void sell(long orderId) {
        inventory.post().uri("/internal/holds/{orderId}/sell", orderId).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw refused("sell the units of order " + orderId, response, problem(response));
                })
                .toBodilessEntity();
    }

    /** Cancelled orders' units back on sale in the ledger (idempotent). */
    public void release(Collection<Long> orderIds) {
        settle("release", orderIds);
    }

    /** Compensation of a release. */
    public void reserveAgain(Collection<Long> orderIds) {
        settle("reserve-again", orderIds);
    }

    private void settle(String action, Collection<Long> orderIds) {
        inventory.post().uri("/internal/holds/" + action).body(Map.of("orderIds", orderIds)).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw refused(action + " the units of " + orderIds.size() + " orders", response, problem(response));
                })
                .toBodilessEntity();
    }

    private JsonNode problem(ClientHttpResponse response) {
        try {
            return json.readTree(response.getBody().readAllBytes());
        } catch (Exception unreadable) {
            return json.createObjectNode();
        }
    }

    /** A refusal (4xx) is inventory's answer, a 5xx its failure: both end this attempt, with inventory's words. */
    private static RuntimeException refused(String what, ClientHttpResponse response, JsonNode problem) throws java.io.IOException {
        String code = problem.path(Problems.CODE).asString();
        String detail = "inventory could not " + what + " (" + response.getStatusCode().value()
                + (code.isEmpty() ? "" : " " + code) + "): " + problem.path("detail").asString();
        return response.getStatusCode().is4xxClientError()
                ? new ProblemException(ErrorCode.INVALID_STATE, detail) : new IllegalStateException(detail);
    }

    /** The ledger of record has fewer available units than a group asks for. */
    public static class NotEnoughStock extends RuntimeException {

        private final int available;

        NotEnoughStock(long activityId, int available) {
            super("the ledger of activity " + activityId + " has " + available + " available units, too few for the group");
            this.available = available;
        }

        public int available() {
            return available;
        }
    }
}
