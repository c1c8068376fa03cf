package io.seckill.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which sale a path names and what it asks of it; every other spelling of an id is refused, not passed on. */
class SalePathTest {

    @ParameterizedTest
    @CsvSource({
            "POST, /api/activities/42/purchase-token, 42, TOKEN",
            "POST, /api/activities/42/purchases/AbC-_9, 42, PURCHASE",
            "GET, /api/activities/42/purchases/123, 42, OTHER",
            "GET, /api/activities/42, 42, OTHER",
            "GET, /api/activities/42/purchase-token, 42, OTHER",
            "POST, /api/activities/42/purchases/, 42, OTHER",
            "POST, /api/activities/42/purchases/a/b, 42, OTHER",
            "POST, /api/activities/9223372036854775807/purchase-token, 9223372036854775807, TOKEN"})
    void readsTheSaleAndWhatIsAsked(String method, String path, long activityId, SalePath.Kind kind) {
        assertThat(SalePath.of(method, path)).isEqualTo(new SalePath(activityId, kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/activities/042/purchase-token", "/api/activities/0/purchase-token",
            "/api/activities/+42/purchase-token", "/api/activities/-42", "/api/activities/4e1/purchases/x",
            "/api/activities/9223372036854775808/purchase-token", "/api/activities/99999999999999999999",
            "/api/activities/abc", "/api/activities/4%322"})
    void anyOtherSpellingOfAnIdIsMalformed(String path) {
        assertThat(SalePath.of("POST", path).kind()).isEqualTo(SalePath.Kind.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/activities", "/api/activities/", "/api/orders/42", "/auth/login", "/"})
    void otherPathsAreNoSalesPath(String path) {
        assertThat(SalePath.of("POST", path).kind()).isEqualTo(SalePath.Kind.NONE);
    }
}
