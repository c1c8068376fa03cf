package io.seckill.demo.observe;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two calls of Prometheus's HTTP API the dashboard check needs: a range query and a label's values. */
public final class PrometheusApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final CloseableHttpClient http;

    public PrometheusApi(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(3, TimeUnit.SECONDS)
                                .setSocketTimeout(30, TimeUnit.SECONDS).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .disableAutomaticRetries().build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * How many series {@code expr} returns over [start, end], evaluated every {@code step}: what a Grafana time
     * series panel would draw. Throws {@link QueryFailed} with Prometheus's message for a query it refuses.
     */
    public int seriesInRange(String expr, Instant start, Instant end, Duration step) {
        JsonNode data = get("/api/v1/query_range?query=" + encode(expr) + "&start=" + start.getEpochSecond() + "&end="
                + end.getEpochSecond() + "&step=" + step.toSeconds());
        return data.path("result").size();
    }

    /** The values {@code label} takes on series of {@code metric} within [start, end]. */
    public List<String> labelValues(String label, String metric, Instant start, Instant end) {
        JsonNode data = get("/api/v1/label/" + encode(label) + "/values?match[]=" + encode(metric) + "&start="
                + start.getEpochSecond() + "&end=" + end.getEpochSecond());
        List<String> values = new ArrayList<>();
        data.forEach(value -> values.add(value.asString()));
        return values;
    }

    private JsonNode get(String pathAndQuery) {
        HttpGet request = new HttpGet(baseUrl + pathAndQuery);
        String body;
        try {
            body = http.execute(request, response -> response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()));
        } catch (IOException e) {
            throw new Unreachable(baseUrl, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            throw new QueryFailed("not a Prometheus API answer: " + abbreviate(body));
        }
        if (!"success".equals(answer.path("status").asString())) {
            throw new QueryFailed(answer.path("errorType").asString("error") + ": " + answer.path("error").asString(abbreviate(body)));
        }
        return answer.path("data");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** No HTTP answer from Prometheus at all. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String baseUrl, IOException cause) {
            super("Prometheus does not answer at " + baseUrl + " (" + cause + ")", cause);
        }
    }

    /** Prometheus answered, and refused the query (e.g. a PromQL syntax error). */
    public static final class QueryFailed extends RuntimeException {
        QueryFailed(String message) {
            super(message);
        }
    }
}
