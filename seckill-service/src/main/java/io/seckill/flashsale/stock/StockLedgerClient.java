package io.seckill.flashsale.stock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

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

    public void open(long activityId, int total) {
        try {
            inventory.put().uri("/internal/ledgers/{activityId}", activityId).body(Map.of("total", total))
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
}
