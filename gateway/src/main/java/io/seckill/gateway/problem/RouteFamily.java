package io.seckill.gateway.problem;

/** The few families of paths the gateway serves, as a metric tag: never a raw path (ids would explode it). */
final class RouteFamily {

    private static final java.util.regex.Pattern PURCHASE = java.util.regex.Pattern.compile("/api/activities/[^/]+/purchases/[^/]+");
    private static final java.util.regex.Pattern PURCHASE_TOKEN = java.util.regex.Pattern.compile("/api/activities/[^/]+/purchase-token");

    private RouteFamily() {
    }

    static String of(String path) {
        if (path.startsWith("/auth/")) return "login";
        if (PURCHASE.matcher(path).matches()) return "purchase";
        if (PURCHASE_TOKEN.matcher(path).matches()) return "purchase-token";
        if (path.startsWith("/api/activities")) return "activities";
        if (path.startsWith("/api/orders")) return "orders";
        if (path.startsWith("/admin/")) return "admin";
        if (path.startsWith("/actuator/")) return "management";
        return "other";
    }
}
