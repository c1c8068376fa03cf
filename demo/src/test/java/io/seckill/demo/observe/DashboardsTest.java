package io.seckill.demo.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.demo.observe.DashboardCheck.Dashboard;
import io.seckill.demo.observe.DashboardCheck.Panel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards in config/grafana/dashboards, and {@link DashboardCheck} against a stand-in for
 * Prometheus's HTTP API (no stack needed; {@code ./seckill check-dashboards} runs it against the real one).
 */
class DashboardsTest {

    private static final Path DASHBOARDS = Path.of(System.getProperty("seckill.repo.dir", ".."))
            .resolve("config/grafana/dashboards").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer prometheus;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPrometheus() {
        if (prometheus != null) prometheus.stop(0);
    }

    @Test
    void theSaleOverviewAndThePlatformViewAreThere() throws IOException {
        assertThat(DashboardCheck.readAll(DASHBOARDS)).extracting(Dashboard::file)
                .containsExactly("platform.json", "sale-overview.json");
    }

    @Test
    void everyPanelQueriesThePrometheusDatasource() throws IOException {
        for (Path file : dashboardFiles()) {
            List<JsonNode> panels = new ArrayList<>();
            collect(JSON.readTree(Files.readString(file)).path("panels"), panels);
            assertThat(panels).as(file + " panels").isNotEmpty();
            for (JsonNode panel : panels) {
                String where = file.getFileName() + " / " + panel.path("title").asString();
                assertThat(panel.path("targets")).as(where + ": queries").isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString("")).as(where + ": PromQL of " + target.path("refId")).isNotBlank();
                    JsonNode datasource = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                    assertThat(datasource.path("uid").asString()).as(where + ": datasource").isEqualTo("prometheus");
                }
            }
        }
    }

    @Test
    void panelTitlesAreUniqueWithinADashboard() throws IOException {
        // The check, and anyone reading its output, names a panel by its title.
        for (Dashboard dashboard : DashboardCheck.readAll(DASHBOARDS)) {
            assertThat(dashboard.panels()).extracting(Panel::title).as(dashboard.file()).doesNotHaveDuplicates()
                    .allMatch(title -> !title.isBlank());
        }
    }

    @Test
    void everyVariableTheQueriesUseIsOneTheCheckFillsIn() throws IOException {
        for (Dashboard dashboard : DashboardCheck.readAll(DASHBOARDS)) {
            Map<String, String> values = new HashMap<>(DashboardCheck.builtins(dashboard.range()));
            dashboard.variables().forEach(variable -> values.put(variable.name(), "118939165059695015"));
            for (Panel panel : dashboard.panels()) {
                for (DashboardCheck.Target target : panel.targets()) {
                    assertThat(DashboardCheck.substitute(target.expr(), values))
                            .as(dashboard.file() + " / " + panel.title()).doesNotContainPattern("\\$\\{?[A-Za-z_]|\\[\\[");
                }
            }
        }
    }

    @Test
    void theSaleVariableListsSalesFromThePurchaseCounter() throws IOException {
        Dashboard overview = DashboardCheck.read(DASHBOARDS.resolve("sale-overview.json"));

        assertThat(overview.variables()).singleElement().satisfies(variable -> {
            assertThat(variable.name()).isEqualTo("activity");
            assertThat(variable.metric()).isEqualTo("seckill_purchases_total");
            assertThat(variable.label()).isEqualTo("activity");
        });
        assertThat(overview.range()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void grafanasVariableSyntaxesAreSubstitutedAndRegexReferencesLeftAlone() {
        Map<String, String> values = new HashMap<>(DashboardCheck.builtins(Duration.ofMinutes(30)));
        values.put("activity", "42");

        assertThat(DashboardCheck.substitute("sum(rate(x{activity=~\"$activity\"}[$__rate_interval]))", values))
                .isEqualTo("sum(rate(x{activity=~\"42\"}[1m]))");
        assertThat(DashboardCheck.substitute("increase(x{a=\"${activity}\",b=\"${activity:regex}\",c=\"[[activity]]\"}[$__range])", values))
                .isEqualTo("increase(x{a=\"42\",b=\"42\",c=\"42\"}[1800s])");
        assertThat(DashboardCheck.substitute("x[$__interval] / $__range_s", values)).isEqualTo("x[15s] / 1800");
        assertThat(DashboardCheck.substitute("label_replace(x, \"code\", \"$1\", \"outcome\", \"(.+)\") and $unknown", values))
                .isEqualTo("label_replace(x, \"code\", \"$1\", \"outcome\", \"(.+)\") and $unknown");
    }

    @Test
    void theNewestSaleIsTheLargestSnowflakeAndNoneMeansAny() {
        assertThat(DashboardCheck.newest(List.of("9", "118939165059695015", "118946318600355840", "1000")))
                .isEqualTo("118946318600355840");
        assertThat(DashboardCheck.newest(List.of())).isEqualTo(".+");
        assertThat(DashboardCheck.newest(List.of("spring", "summer"))).isEqualTo(".+");
    }

    @Test
    void panelsInsideCollapsedAndExpandedRowsAreAllChecked(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rows.json"), """
                {"title": "Rows", "time": {"from": "now-2h", "to": "now"}, "panels": [
                  {"type": "row", "title": "open", "collapsed": false, "panels": []},
                  {"type": "stat", "title": "after an open row", "targets": [{"refId": "A", "expr": "up"}]},
                  {"type": "row", "title": "closed", "collapsed": true, "panels": [
                    {"type": "timeseries", "title": "inside a closed row",
                     "targets": [{"refId": "A", "expr": "x"}, {"refId": "B", "expr": ""}, {"refId": "C", "expr": "y", "hide": true}]}
                  ]}
                ]}
                """);

        Dashboard dashboard = DashboardCheck.read(dir.resolve("rows.json"));

        assertThat(dashboard.range()).isEqualTo(Duration.ofHours(2));
        assertThat(dashboard.panels()).extracting(Panel::title).containsExactly("after an open row", "inside a closed row");
        assertThat(dashboard.panels().get(1).targets()).extracting(DashboardCheck.Target::expr).containsExactly("x");
    }

    @Test
    void everyPanelWithSeriesPasses() throws IOException {
        startPrometheus(query -> 2);

        Run run = check(DASHBOARDS);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(", 0 without")
                .contains("Funnel: attempts → accepted → orders → paid")
                .contains("activity=118946318600355840");
        // The newest sale was asked for, with Grafana's intervals filled in.
        assertThat(queries).anyMatch(q -> q.contains("activity=~\"118946318600355840\"") && q.contains("[1800s]"))
                .noneMatch(q -> q.contains("$activity") || q.contains("$__"));
    }

    @Test
    void aPanelWithoutSeriesIsNamedAndFailsTheCheck() throws IOException {
        startPrometheus(query -> query.contains("seckill_reconciliation_drift") ? 0 : 1);

        Run run = check(DASHBOARDS);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("1 without")
                .contains("FAIL  Seckill — sale overview / \"Reconciliation drift (every reconciled sale)\": no series")
                .containsOnlyOnce("FAIL");
    }

    @Test
    void aPanelWithOneEmptyQueryOfSeveralStillHasData() throws IOException {
        // The gateway's refusals exist only once it has refused something; the panel shows the service's meanwhile.
        startPrometheus(query -> query.contains("seckill_gateway_rejections_total") ? 0 : 1);

        Run run = check(DASHBOARDS);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Rejections by code  (B none)");
    }

    @Test
    void aQueryPrometheusRefusesFailsTheCheckWithItsMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), """
                {"title": "Broken", "panels": [{"type": "stat", "title": "typo", "targets": [{"refId": "A", "expr": "sum(up"}]}]}
                """);
        startPrometheus(query -> query.startsWith("sum(up") ? -1 : 1);

        Run run = check(dir);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL  Broken / \"typo\": query refused by Prometheus: A: bad_data: parse error");
    }

    @Test
    void withoutPrometheusTheCheckSaysHowToStartIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (PrometheusApi api = new PrometheusApi("http://127.0.0.1:" + closedPort)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new DashboardCheck(api, new PrintStream(out, true, StandardCharsets.UTF_8)).run(DASHBOARDS, Instant.now());

            assertThat(exit).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Prometheus does not answer at http://127.0.0.1:" + closedPort)
                    .contains("./seckill up");
        }
    }

    private Run check(Path dashboards) {
        try (PrometheusApi api = new PrometheusApi("http://127.0.0.1:" + prometheus.getAddress().getPort())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new DashboardCheck(api, new PrintStream(out, true, StandardCharsets.UTF_8)).run(dashboards, Instant.now());
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Answers query_range with {@code seriesFor(query)} series (-1: a parse error, as Prometheus gives one) and
     * label values with three sale ids.
     */
    private void startPrometheus(Function<String, Integer> seriesFor) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes cost a delayed ACK (40 ms) per query.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (path.equals("/api/v1/query_range")) {
                String query = param(exchange.getRequestURI().getRawQuery(), "query");
                queries.add(query);
                int series = seriesFor.apply(query);
                if (series < 0) {
                    status = 400;
                    body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error: unclosed left parenthesis\"}";
                } else {
                    List<String> result = new ArrayList<>();
                    for (int i = 0; i < series; i++) {
                        result.add("{\"metric\":{\"n\":\"" + i + "\"},\"values\":[[1700000000,\"1\"]]}");
                    }
                    body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + String.join(",", result) + "]}}";
                }
            } else if (path.equals("/api/v1/label/activity/values")) {
                body = "{\"status\":\"success\",\"data\":[\"118939165059695015\",\"118946318600355840\",\"7\"]}";
            } else {
                status = 404;
                body = "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"" + path + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        prometheus.start();
    }

    private static String param(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + rawQuery);
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void collect(JsonNode array, List<JsonNode> panels) {
        for (JsonNode panel : array) {
            if ("row".equals(panel.path("type").asString())) {
                collect(panel.path("panels"), panels);
            } else {
                panels.add(panel);
            }
        }
    }

    private record Run(int exitCode, String output) {
    }
}
