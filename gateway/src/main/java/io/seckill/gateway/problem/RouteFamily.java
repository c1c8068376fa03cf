package io.seckill.gateway.problem;

/** The few families of paths the gateway serves, as a metric tag: never a raw path (ids would explode it). */
final class RouteFamily {

    private RouteFamily() {
    }

    static String of(String path) {
        if (path.startsWith("/auth/")) return "login";
        if (path.matches("/api/activities/[^/]+/purchases/[^/]+")) return "purchase";
        if (path.matches("/api/activities/[^/]+/purchase-token")) return "purchase-token";
        if (path.startsWith("/api/activities")) return "activities";
        if (path.startsWith("/api/orders")) return "orders";
        if (path.startsWith("/admin/")) return "admin";
        if (path.startsWith("/actuator/")) return "management";
        return "other";
    }
}
