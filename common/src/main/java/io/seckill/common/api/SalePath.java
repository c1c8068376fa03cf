package io.seckill.common.api;

/**
 * What a path under {@code /api/activities/{id}} asks of which sale, read without a regex: a purchase
 * token ({@code POST .../purchase-token}), a purchase ({@code POST .../purchases/{token}}), or anything else
 * of the sale (browsing, a result). An id in any spelling but the canonical one (a positive decimal without
 * leading zeros, within 64 bits) is {@link #MALFORMED}: every spelling of one id would otherwise be a sale of
 * its own to every cache and bucket behind the door. Read by the gateway and by seckill-service alike, so
 * both answer what they know of a sale before checking the caller, on exactly the same paths.
 */
public record SalePath(long activityId, Kind kind) {

    public static final SalePath NONE = new SalePath(0, Kind.NONE);
    public static final SalePath MALFORMED = new SalePath(0, Kind.MALFORMED);

    private static final String PREFIX = "/api/activities/";
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    public enum Kind {
        /** Not a path of one sale. */
        NONE,
        MALFORMED,
        TOKEN,
        PURCHASE,
        OTHER;

        public boolean buys() {
            return this == TOKEN || this == PURCHASE;
        }
    }

    public static SalePath of(String method, String path) {
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return NONE;
        }
        int end = path.indexOf('/', PREFIX.length());
        String id = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        if (!canonical(id)) {
            return MALFORMED;
        }
        long activityId = Long.parseLong(id);
        String rest = end < 0 ? "" : path.substring(end);
        boolean post = "POST".equals(method);
        if (post && rest.equals("/purchase-token")) {
            return new SalePath(activityId, Kind.TOKEN);
        }
        if (post && rest.startsWith("/purchases/") && rest.indexOf('/', "/purchases/".length()) < 0
                && rest.length() > "/purchases/".length()) {
            return new SalePath(activityId, Kind.PURCHASE);
        }
        return new SalePath(activityId, Kind.OTHER);
    }

    private static boolean canonical(String id) {
        if (id.isEmpty() || id.length() > MAX.length() || id.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return id.length() < MAX.length() || id.compareTo(MAX) <= 0;
    }
}
