package io.seckill.flashsale.sale;

/**
 * Redis keys of one activity's sale. All carry the hash tag {@code {<activityId>}}, so on a Redis
 * Cluster they live in one slot and a single Lua script may touch them all atomically.
 */
public record SaleKeys(long activityId) {

    /** Activities that have a request stream: what the relay reads. Not slot-bound (read per key). */
    public static final String ACTIVE = "sk:active";
    /** The relay's consumer group on every request stream. */
    public static final String RELAY_GROUP = "relay";

    private String key(String name) {
        return "sk:{" + activityId + "}:" + name;
    }

    /** Hash: start, end (epoch ms), limit, paused (0/1), price. */
    public String meta() {
        return key("meta");
    }

    /** Units left to sell. */
    public String stock() {
        return key("stock");
    }

    /** Hash: user id -> units held (accepted and not returned). */
    public String buyers() {
        return key("buyers");
    }

    /**
     * Set by the purchase script when a purchase token is used (its nonce), until the token has expired:
     * what makes a signed token one-time without a Redis write when it is issued.
     */
    public String usedToken(String nonce) {
        return key("used:" + nonce);
    }

    /** Stream of accepted purchases, written by the purchase script, drained by the relay. */
    public String requests() {
        return key("requests");
    }

    /** Stream of requests the relay gave up on; operators list and replay them. */
    public String deadLetters() {
        return key("requests:dead");
    }

    /** Set of order ids whose units came back: a unit returns once per order. */
    public String returned() {
        return key("returned");
    }

    /**
     * Hash: order id -> units the purchase took, written in the same atomic step as the decrement. The
     * only source of what a dead order gives back: an event names an order, never how many units return.
     */
    public String taken() {
        return key("taken");
    }

    /** Hash: order id -> "userId|STATUS". */
    public String results() {
        return key("results");
    }

    /** Newest fencing token that wrote this sale's counter during reconciliation. */
    public String reconciliationFence() {
        return key("reconciliation-fence");
    }

    public String warmUpLock() {
        return key("warm-up-lock");
    }

    public String purchaseLock() {
        return key("purchase-lock");
    }
}
