package io.seckill.common.testsupport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;

/** An operator at the gateway's admin API, as the ITs and the demo act: logged in once, then opening sales. */
public final class OperatorCalls {

    private static final BigDecimal PRICE = new BigDecimal("99.00");

    private final ApiClient gateway;
    private final String token;

    public OperatorCalls(ApiClient gateway) {
        this.gateway = gateway;
        this.token = gateway.login(DemoAccounts.OPERATOR, DemoAccounts.OPERATOR_PASSWORD);
    }

    /** A sale created and published (publishing warms Redis), open from {@code start} for two hours. */
    public Sale openSale(String title, int stock, int perUserLimit, Instant start) {
        Instant from = start.truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Reply created = gateway.post("/admin/activities", token, Map.of(
                "sku", "SKU-" + Math.abs(title.hashCode()), "title", title, "price", PRICE, "stock", stock,
                "startAt", from.toString(), "endAt", from.plus(Duration.ofHours(2)).toString(), "perUserLimit", perUserLimit));
        if (created.status() != 201) {
            throw new IllegalStateException("creating sale '" + title + "' failed: " + created);
        }
        String id = created.text("id");
        ApiClient.Reply published = gateway.post("/admin/activities/" + id + "/publish", token, null);
        if (!published.ok()) {
            throw new IllegalStateException("publishing sale " + id + " failed: " + published);
        }
        return new Sale(Long.parseLong(id), PRICE, from);
    }

    /** A sale open now (it started a second ago); its id. */
    public static String openSaleNow(ApiClient gateway, String title, int stock, int perUserLimit) {
        return Long.toString(new OperatorCalls(gateway).openSale(title, stock, perUserLimit, Instant.now().minusSeconds(1)).id());
    }

    /**
     * Runs a report-only reconciliation (what the platform schedules once a minute) and returns the sale's drift;
     * empty when none could run now (one already running, or seckill-service away under chaos), after three tries.
     */
    public OptionalLong reconciledDrift(long saleId) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            ApiClient.Reply report = gateway.post("/admin/reconciliation", token, null);
            if (report.ok()) {
                for (JsonNode activity : report.json().path("activities")) {
                    if (activity.path("activityId").asString().equals(Long.toString(saleId))) {
                        return OptionalLong.of(activity.path("drift").asLong());
                    }
                }
                return OptionalLong.empty();
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return OptionalLong.empty();
    }

    public record Sale(long id, BigDecimal price, Instant startAt) {
    }
}
