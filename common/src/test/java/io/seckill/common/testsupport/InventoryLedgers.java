package io.seckill.common.testsupport;

import java.time.Instant;
import java.util.Map;

/**
 * inventory-service's ledger API ({@code /internal/ledgers}) as the platform's services call it, with a service
 * token: the one place tests open, read and end a sale's ledger of record.
 */
public final class InventoryLedgers {

    private final ApiClient inventory;

    public InventoryLedgers(String baseUrl) {
        this.inventory = new ApiClient(baseUrl);
    }

    /** Opens the ledger of {@code activityId} as seckill-service does when it publishes a sale. */
    public void open(long activityId, int units, Instant startAt, Instant endAt, int perUserLimit) {
        expect(inventory.send("PUT", "/internal/ledgers/" + activityId, token(), Map.of("total", units,
                "perUserLimit", perUserLimit, "startAt", startAt.toString(), "endAt", endAt.toString())), "open");
    }

    /** The ledger's buckets and terms (total, available, frozen, reserved, sold, ...). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> read(long activityId) {
        return expect(inventory.get("/internal/ledgers/" + activityId, token()), "read").as(Map.class);
    }

    /** Closes the ledger's window at {@code endedAt}, as ending a sale early does. */
    public void end(long activityId, Instant endedAt) {
        expect(inventory.post("/internal/ledgers/" + activityId + "/end", token(), Map.of("endedAt", endedAt.toString())), "end");
    }

    private static String token() {
        return TestTokens.service("test");
    }

    private static ApiClient.Reply expect(ApiClient.Reply reply, String what) {
        if (!reply.ok()) {
            throw new IllegalStateException("could not " + what + " the ledger: " + reply);
        }
        return reply;
    }
}
