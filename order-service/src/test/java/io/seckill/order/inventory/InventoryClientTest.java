package io.seckill.order.inventory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import io.seckill.common.error.ProblemException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Regression: inventory answers 409 both when the ledger has no unit and when a concurrent attempt for
 * the same order already holds stock. Treating the second as "no stock" marked a placed order FAILED
 * and gave its unit back while the first attempt succeeded. The client decides by the problem's code,
 * not by matching text in its body.
 */
class InventoryClientTest {

    private final RestClient.Builder http = RestClient.builder();
    private final MockRestServiceServer inventory = MockRestServiceServer.bindTo(http).build();
    private final InventoryClient client = new InventoryClient(http, "http://inventory", JsonMapper.builder().build());

    @Test
    void soldOutInTheLedgerIsFinalAndSaysWhatIsLeft() {
        inventory.expect(requestTo("http://inventory/internal/holds/groups")).andRespond(withStatus(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"status\":409,\"code\":\"SOLD_OUT\",\"available\":3}"));

        assertThatThrownBy(() -> client.tryHold(2, List.of(new InventoryClient.Hold(1, 1))))
                .isInstanceOfSatisfying(InventoryClient.NotEnoughStock.class,
                        noStock -> org.assertj.core.api.Assertions.assertThat(noStock.available()).isEqualTo(3));
    }

    @Test
    void anOrderAlreadyHoldingStockIsNotFinal() {
        inventory.expect(requestTo("http://inventory/internal/holds/groups")).andRespond(withStatus(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"status\":409,\"code\":\"INVALID_STATE\","
                        + "\"detail\":\"the word SOLD_OUT in a detail decides nothing\"}"));

        assertThatThrownBy(() -> client.tryHold(2, List.of(new InventoryClient.Hold(1, 1)))).isInstanceOf(ProblemException.class)
                .isNotInstanceOf(InventoryClient.NotEnoughStock.class);
    }
}
