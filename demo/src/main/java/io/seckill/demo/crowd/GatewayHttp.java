package io.seckill.demo.crowd;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to the gateway, as shoppers and the operator use it. A failed connection is an answer too. */
public final class GatewayHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final CloseableHttpClient http;

    public GatewayHttp(String baseUrl, int connections) {
        this.baseUrl = baseUrl;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections + 4).setMaxConnPerRoute(connections + 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(3, TimeUnit.SECONDS)
                        .setSocketTimeout(30, TimeUnit.SECONDS).build())
                .build();
        this.http = HttpClients.custom().setConnectionManager(pool).disableCookieManagement().disableRedirectHandling()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .build();
    }

    public Answer send(String method, String path, String token, Object body, String clientAddress) {
        return send(method, path, token, body, clientAddress, Map.of());
    }

    /** As above, with extra headers (the benchmark calls seckill-service directly, as the gateway would). */
    public Answer send(String method, String path, String token, Object body, String clientAddress, Map<String, String> headers) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(baseUrl + path));
        if (body != null) request.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        if (token != null) request.setHeader("Authorization", "Bearer " + token);
        // The demo plays the load balancer in front of the gateway: one address per shopper.
        if (clientAddress != null) request.setHeader("X-Forwarded-For", clientAddress);
        headers.forEach(request::setHeader);
        try {
            return http.execute(request, response -> new Answer(response.getCode(),
                    parse(response.getEntity() == null ? null : EntityUtils.toString(response.getEntity()))));
        } catch (IOException e) {
            return new Answer(0, JSON.createObjectNode().put("code", "NO_ANSWER").put("detail", e.toString()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode().put("detail", body);
        }
    }

    public static Map<String, Object> body(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }

    /** A status and its JSON; status 0 means no HTTP answer at all (connection refused, reset, timeout). */
    public record Answer(int status, JsonNode json) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text(String field) {
            return json.path(field).asString();
        }

        /** The problem's stable code, or HTTP_<status> when the body carried none. */
        public String code() {
            String code = json.path("code").asString();
            return code.isEmpty() ? "HTTP_" + status : code;
        }
    }
}
