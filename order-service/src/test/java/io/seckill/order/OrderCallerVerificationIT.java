package io.seckill.order;

import static io.seckill.common.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.ApiClient.Reply;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.order.Settlements;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Issue 16, "services trust the network": with no token at all, {@code POST :8082/api/orders/{id}/payment}
 * with a forged {@code X-User-Id} paid another shopper's order, and {@code /internal/**}, the dead-letter
 * list (Java method signatures in it) and {@code /actuator/configprops} answered anyone. Made directly to
 * order-service, each call is now refused with problem+json and the order stays unpaid.
 */
class OrderCallerVerificationIT extends OrderStack {

    @LocalServerPort
    int port;

    @Autowired
    Settlements settlements;

    @Autowired
    OrderMapper orders;

    private Reply call(HttpMethod method, String path, Map<String, String> headers) {
        return new ApiClient("http://127.0.0.1:" + port).send(method.name(), path, null, null, headers);
    }

    @Test
    void nobodyButTheOwnerPaysAnOrderWhateverHeaderTheySend() throws Exception {
        long sale = settlements.openSale(1);
        OrderRequested request = Settlements.requests(sale, 1).get(0);
        settlements.publish(List.of(request));
        await().atMost(Duration.ofSeconds(60)).until(() -> settlements.count(sale, OrderStatus.CREATED) == 1);
        String payment = "/api/orders/" + request.orderId() + "/payment";
        String owner = request.userId();
        String forged = TestTokens.sign("a-key-of-the-attackers-own-choosing-0123456789", Map.of("iss", TestTokens.USER_ISSUER,
                "sub", owner, "roles", List.of("SHOPPER")), Duration.ofHours(1));

        call(HttpMethod.POST, payment, Map.of("X-User-Id", owner)).assertProblem(401, null);
        call(HttpMethod.POST, payment, bearer(forged)).assertProblem(401, null);
        call(HttpMethod.POST, payment, bearer(TestTokens.service("seckill-service"))).assertProblem(403, null);
        Map<String, String> mallory = new java.util.HashMap<>(bearer(TestTokens.shopper("mallory")));
        mallory.put("X-User-Id", owner);
        call(HttpMethod.POST, payment, mallory).assertProblem(404, null);
        call(HttpMethod.GET, "/api/orders/" + request.orderId(), Map.of("X-User-Id", owner)).assertProblem(401, null);
        assertThat(orders.selectById(request.orderId()).getStatus()).as("still unpaid").isEqualTo(OrderStatus.CREATED);

        Reply paid = call(HttpMethod.POST, payment, bearer(TestTokens.shopper(owner)));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(orders.selectById(request.orderId()).getStatus()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void internalCallsNeedAServiceAndOperationsAnOperator() {
        String units = "/internal/orders/activities/1/units";
        call(HttpMethod.GET, units, Map.of()).assertProblem(401, null);
        call(HttpMethod.GET, units, bearer(TestTokens.shopper("mallory"))).assertProblem(403, null);
        call(HttpMethod.GET, units, bearer(TestTokens.operator())).assertProblem(403, null);
        assertThat(call(HttpMethod.GET, units, bearer(TestTokens.service("seckill-service"))).status()).isEqualTo(200);

        for (String path : List.of("/admin/orders/dead-letters", "/actuator/configprops", "/actuator/loggers")) {
            call(HttpMethod.GET, path, Map.of()).assertProblem(401, null);
            call(HttpMethod.GET, path, bearer(TestTokens.shopper("mallory"))).assertProblem(403, null);
            call(HttpMethod.GET, path, bearer(TestTokens.service("seckill-service"))).assertProblem(403, null);
            assertThat(call(HttpMethod.GET, path, bearer(TestTokens.operator())).status()).as(path).isEqualTo(200);
        }
        call(HttpMethod.POST, "/actuator/refresh", Map.of()).assertProblem(401, null);
        assertThat(call(HttpMethod.GET, "/actuator/health", Map.of()).status()).isEqualTo(200);
    }
}
