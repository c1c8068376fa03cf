package io.seckill.flashsale.stock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import io.seckill.flashsale.sale.SaleDefinition;

import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Opens an activity's ledger of record in inventory-service (idempotent there: same total, same answer). */
@Component
public class StockLedgerClient {

    private final RestClient inventory;

    StockLedgerClient(RestClient.Builder http, SaleProperties properties) {
        this.inventory = http.baseUrl(properties.inventoryBaseUrl()).build();
    }

    public LedgerView read(long activityId) {
        try {
            return inventory.get().uri("/internal/ledgers/{activityId}", activityId).retrieve().body(LedgerView.class);
        } catch (RestClientException e) {
            throw new ProblemException(ErrorCode.UNAVAILABLE, "inventory-service could not be read: " + e.getMessage());
        }
    }

    /** The ledger of record of one activity, as inventory-service reports it. */
    // An answer, not a command: a newer service may add fields, which this reader ignores.
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LedgerView(int total, int available, int frozen, int reserved, int sold) {
    }

    /** Opens the ledger with the sale's stock and terms, which order-service checks every request against. */
    public void open(SaleDefinition sale) {
        long activityId = sale.activityId();
        try {
            inventory.put().uri("/internal/ledgers/{activityId}", activityId)
                    .body(Map.of("total", sale.stock(), "perUserLimit", sale.perUserLimit(),
                            "startAt", sale.startAt().toString(), "endAt", sale.endAt().toString()))
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
                        throw new ProblemException(ErrorCode.INVALID_STATE, "inventory-service refused the ledger of activity "
                                + activityId + " (" + response.getStatusCode().value() + ")");
                    })
                    .toBodilessEntity();
        } catch (RestClientException e) {
            throw new ProblemException(ErrorCode.UNAVAILABLE, "inventory-service could not open the ledger: " + e.getMessage());
        }
    }

    /** The sale ended early at {@code endedAt}: the ledger's window closes then too. */
    public void end(long activityId, Instant endedAt) {
        try {
            inventory.post().uri("/internal/ledgers/{activityId}/end", activityId).body(Map.of("endedAt", endedAt.toString()))
                    .retrieve().toBodilessEntity();
        } catch (RestClientException e) {
            throw new ProblemException(ErrorCode.UNAVAILABLE, "inventory-service could not end the ledger: " + e.getMessage());
        }
    }
}
