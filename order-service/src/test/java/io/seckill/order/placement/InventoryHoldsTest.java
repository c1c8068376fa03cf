package io.seckill.order.placement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import io.seckill.common.error.ProblemException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/**
 * Regression: inventory answers 409 both when the ledger has no unit and when a concurrent attempt for
 * the same order already holds stock. Treating the second as "no stock" marked a placed order FAILED
 * and gave its unit back while the first attempt succeeded.
 */
class InventoryHoldsTest {

    private final RestClient.Builder http = RestClient.builder();
    private final MockRestServiceServer inventory = MockRestServiceServer.bindTo(http).build();
    private final InventoryHolds holds = new InventoryHolds(http, new SettlementProperties("http://inventory", null));

    @Test
    void soldOutInTheLedgerIsFinal() {
        inventory.expect(requestTo("http://inventory/internal/holds")).andRespond(withStatus(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"status\":409,\"code\":\"SOLD_OUT\"}"));

        assertThatThrownBy(() -> holds.tryHold(1, 2, 1)).isInstanceOf(InventoryHolds.NoStockInLedger.class);
    }

    @Test
    void anOrderAlreadyHoldingStockIsNotFinal() {
        inventory.expect(requestTo("http://inventory/internal/holds")).andRespond(withStatus(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"status\":409,\"code\":\"INVALID_STATE\"}"));

        assertThatThrownBy(() -> holds.tryHold(1, 2, 1)).isInstanceOf(ProblemException.class)
                .isNotInstanceOf(InventoryHolds.NoStockInLedger.class);
    }
}
