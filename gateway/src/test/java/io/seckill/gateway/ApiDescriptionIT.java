package io.seckill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.TestTokens;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The API as its users read it, at the door: the gateway serves the OpenAPI description of its own endpoint (logging
 * in) and, routed, that of every service with a shopper or operator API, with a Swagger UI page over them. No route is
 * undocumented: every {@code /api} and {@code /admin} mapping a service's dispatcher holds (its own
 * {@code /actuator/mappings}) is in the description, with the same method, and every operation names its refusals
 * as problem+json with their codes.
 */
class ApiDescriptionIT extends GatewayStack {

    private static final Map<String, String> SERVICES = Map.of("seckill-service", "seckill-service",
            "order-service", "order-service", "id-service", "id-service");

    @Test
    void theGatewayDescribesLoggingInAndServesTheSwaggerUiPage() {
        ApiClient gateway = client();
        JsonNode own = gateway.get("/v3/api-docs", null).json();

        assertThat(operations(own)).contains("POST /auth/login");
        assertRefusalsDocumented(own);
        ApiClient.Reply page = gateway.get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger");
        assertThat(gateway.get("/v3/api-docs/swagger-config", null).body()).contains("/v3/api-docs/seckill-service",
                "/v3/api-docs/order-service", "/v3/api-docs/id-service");
    }

    @Test
    void everyPublicAndAdminRouteOfEveryServiceIsDocumentedAtTheGateway() {
        ApiClient gateway = client();
        SERVICES.forEach((service, module) -> {
            ApiClient.Reply description = gateway.get("/v3/api-docs/" + service, null);
            assertThat(description.status()).as(service + "'s description through the gateway: " + description).isEqualTo(200);
            Set<String> documented = operations(description.json());
            Set<String> mapped = mappings(ServiceProcess.baseUrl(module));

            assertThat(mapped).as(service + " maps /api or /admin routes").isNotEmpty();
            assertThat(documented).as(service + ": every mapped /api and /admin route is documented").containsAll(mapped);
            assertRefusalsDocumented(description.json());
        });
    }

    /** "METHOD /path/{variable}" of every operation in an OpenAPI description. */
    private static Set<String> operations(JsonNode description) {
        Set<String> operations = new TreeSet<>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The service's own /api and /admin request mappings, as its dispatcher holds them (variables' patterns dropped). */
    private static Set<String> mappings(String baseUrl) {
        JsonNode mappings = new ApiClient(baseUrl).get("/actuator/mappings", TestTokens.operator()).json();
        Set<String> routes = new TreeSet<>();
        mappings.path("contexts").forEach(context -> context.path("mappings").path("dispatcherServlets").forEach(servlet ->
                servlet.forEach(mapping -> {
                    JsonNode conditions = mapping.path("details").path("requestMappingConditions");
                    for (JsonNode pattern : conditions.path("patterns")) {
                        String path = pattern.asString().replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                        if (path.startsWith("/api/") || path.startsWith("/admin/")) {
                            for (JsonNode method : conditions.path("methods")) {
                                routes.add(method.asString() + " " + path);
                            }
                        }
                    }
                })));
        return routes;
    }

    private static void assertRefusalsDocumented(JsonNode description) {
        assertThat(description.path("components").path("schemas").path("Problem").path("properties").path("code").path("enum")
                .toString()).contains("SOLD_OUT", "VALIDATION_FAILED", "PURCHASE_UNCONFIRMED");
        description.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().path("responses").path("400").path("content").has("application/problem+json"))
                        .as(operation.getKey() + " " + path.getKey() + " documents its 400 as problem+json").isTrue()));
    }
}
