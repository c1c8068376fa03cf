package io.seckill.demo.sale;

import io.seckill.demo.crowd.GatewayHttp;
import io.seckill.demo.crowd.GatewayHttp.Answer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;

/** The operator's side of the demo, through the gateway's admin API like any operator script. */
public final class Operator {

    public static final String USERNAME = "operator";
    public static final String PASSWORD = "operator-pass";

    private final GatewayHttp gateway;
    private final String token;

    public Operator(GatewayHttp gateway) {
        this.gateway = gateway;
        Answer login = gateway.send("POST", "/auth/login", null, GatewayHttp.body("username", USERNAME, "password", PASSWORD), null);
        if (!login.ok()) {
            throw new IllegalStateException("operator login failed (" + login.status() + " " + login.json() + ")");
        }
        this.token = login.text("accessToken");
    }

    /** Creates and publishes a sale opening {@code lead} from now; publishing warms Redis. */
    public Sale openSale(String title, int stock, int perUserLimit, Duration lead) {
        BigDecimal price = new BigDecimal("99.00");
        Instant start = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Answer created = gateway.send("POST", "/admin/activities", token, GatewayHttp.body(
                "sku", "DEMO-" + start.getEpochSecond(), "title", title, "price", price,
                "stock", stock, "startAt", start.toString(), "endAt", start.plus(Duration.ofHours(2)).toString(),
                "perUserLimit", perUserLimit), null);
        if (created.status() != 201) {
            throw new IllegalStateException("creating the sale failed: " + created.status() + " " + created.json());
        }
        String id = created.text("id");
        Answer published = gateway.send("POST", "/admin/activities/" + id + "/publish", token, null, null);
        if (!published.ok()) {
            throw new IllegalStateException("publishing the sale failed: " + published.status() + " " + published.json());
        }
        return new Sale(Long.parseLong(id), price, start);
    }

    /**
     * Runs a report-only reconciliation (what the platform schedules once a minute) and returns the sale's drift;
     * empty when none could run now (one already running, or seckill-service away under chaos), after three tries.
     */
    public OptionalLong reconciledDrift(long saleId) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Answer report = gateway.send("POST", "/admin/reconciliation", token, null, null);
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
