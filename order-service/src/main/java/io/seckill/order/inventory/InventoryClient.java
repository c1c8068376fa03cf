package io.seckill.order.inventory;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.error.Problems;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * TCC Try: freezes the group's units; {@link NotEnoughStock} when the ledger cannot cover them all,
     * {@link HoldRefused} when inventory finds a hold invalid (no retry changes that). Any other refusal
     * (an order held under a concurrent transaction: 409) may pass, and is thrown as a failure to retry.
     */
    public void tryHold(long activityId, List<Hold> holds) {
        inventory.post().uri("/internal/holds/groups").header(RootContext.KEY_XID, RootContext.getXID())
                .body(Map.of("activityId", activityId, "holds", holds))
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                    JsonNode problem = problem(response);
                    String code = problem.path(Problems.CODE).asString();
                    if (ErrorCode.SOLD_OUT.name().equals(code)) {
                        throw new NotEnoughStock(activityId, problem.path("available").asInt(0));
                    }
                    if (ErrorCode.VALIDATION_FAILED.name().equals(code)) {
                        throw new HoldRefused("inventory refused to hold the units of " + holds.size() + " orders: "
                                + problem.path("detail").asString());
                    }
                    throw refused("hold the units of " + holds.size() + " orders", response, problem);
                })
                .toBodilessEntity();
    }

    /**
     * The terms of the sale as its ledger keeps them, or empty when inventory keeps no ledger for it: every
     * sale seckill-service published has one (opened before its stock reaches Redis), so a request for any
     * other is no purchase this platform accepted. A failure to ask is thrown, never answered as "unknown".
     */
    public Optional<SaleTerms> saleTerms(long activityId) {
        return inventory.get().uri("/internal/ledgers/{activityId}", activityId)
                .exchange((request, response) -> {
                    if (response.getStatusCode().is2xxSuccessful()) {
                        return Optional.of(json.readValue(response.getBody().readAllBytes(), SaleTerms.class));
                    }
                    if (response.getStatusCode().value() == 404) {
                        return Optional.empty();
                    }
                    throw refused("read the ledger of activity " + activityId, response, problem(response));
                });
    }

    /**
     * What a request must meet to be a purchase of the sale: requested inside {@code [startAt, endAt)} (the end
     * is the earlier one if an operator ended the sale), at most {@code perUserLimit} units. All null for a
     * ledger opened by a build that did not keep them.
     */
    // An answer, not a command: the ledger view's other fields (and newer ones) are ignored.
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SaleTerms(Integer perUserLimit, Instant startAt, Instant endAt) {

        public boolean known() {
            return perUserLimit != null && startAt != null && endAt != null;
        }
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

    /** Inventory found a hold of the group invalid (400): the same request would be refused again. */
    public static class HoldRefused extends RuntimeException {

        HoldRefused(String reason) {
            super(reason);
        }
    }
}
