package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus side of the platform, checked offline by Prometheus's own tools: both scrape configs, the
 * alert rules and their unit tests (promtool), the blackbox exporter's modules, every alert's runbook section,
 * and the dashboards' PromQL. Whether the dashboards show data needs the running stack: ./seckill check-dashboards.
 */
class PrometheusRulesIT {

    private static final Path PROMETHEUS = RepoFiles.ROOT.resolve("config/prometheus");
    private static final Path RULES = PROMETHEUS.resolve("rules/seckill-alerts.yml");
    private static final Path RULE_TESTS = PROMETHEUS.resolve("tests/seckill-alerts.test.yml");
    private static final Path RUNBOOK = RepoFiles.ROOT.resolve("docs/RUNBOOK.md");
    private static final String RUNBOOK_URL = "https://github.com/seckill-platform/seckill/blob/main/docs/RUNBOOK.md#";
    private static final String INSTALL_PROMETHEUS = "apt-get install prometheus";

    @Test
    void bothScrapeConfigsAreValid() throws Exception {
        // promtool does not resolve target host names, so the compose variant's `gateway:8080` checks here too.
        for (String config : List.of("prometheus.yml", "prometheus.compose.yml")) {
            Commands.Result check = promtool("check", "config", PROMETHEUS.resolve(config).toString());
            assertThat(check.exitCode()).as("promtool check config " + config + " says:\n" + check.output()).isZero();
            // It also loads the rule files the config names: proof that rules/*.yml finds the alerts.
            assertThat(check.output()).as(config).contains("seckill-alerts.yml");
        }
    }

    @Test
    void theComposeConfigScrapesTheSameJobsAsTheLocalOne() throws IOException {
        List<Map<String, Object>> local = scrapeConfigs("prometheus.yml");
        List<Map<String, Object>> compose = scrapeConfigs("prometheus.compose.yml");

        assertThat(jobsWithoutHosts(compose)).isEqualTo(jobsWithoutHosts(local));
        assertThat(local).extracting(job -> job.get("job_name"))
                .contains("prometheus", "dependencies").contains((Object[]) RepoFiles.SERVICES);
        assertThat(targets(local)).allMatch(target -> target.startsWith("127.0.0.1:"));
        assertThat(targets(compose)).noneMatch(target -> target.startsWith("127.0.0.1:"));
    }

    @Test
    void theBlackboxExporterAcceptsItsConfigAndHasTheModuleTheProbesUse() throws Exception {
        Commands.Result check = Commands.run(List.of("prometheus-blackbox-exporter", "--config.check",
                "--config.file=" + PROMETHEUS.resolve("blackbox.yml")), "apt-get install prometheus-blackbox-exporter");
        assertThat(check.exitCode()).as("prometheus-blackbox-exporter --config.check says:\n" + check.output()).isZero();

        Map<String, Object> modules = map(yaml(PROMETHEUS.resolve("blackbox.yml")).get("modules"));
        // The exporter only rejects an unknown prober when a probe uses it, not at --config.check.
        modules.forEach((name, module) -> assertThat(map(module).get("prober")).as("prober of module " + name)
                .isIn("http", "tcp", "icmp", "dns", "grpc"));
        for (Map<String, Object> job : scrapeConfigs("prometheus.yml")) {
            if (job.get("params") != null) {
                assertThat(modules).containsKeys(list(map(job.get("params")).get("module")).toArray(String[]::new));
            }
        }
    }

    @Test
    void theAlertRulesAreValid() throws Exception {
        Commands.Result check = promtool("check", "rules", RULES.toString());
        assertThat(check.exitCode()).as("promtool check rules says:\n" + check.output()).isZero();
    }

    @Test
    void theRuleTestsPass() throws Exception {
        Commands.Result test = promtool("test", "rules", RULE_TESTS.toString());
        assertThat(test.exitCode()).as("promtool test rules says:\n" + test.output()).isZero();
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
        Set<String> fires = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Object test : list(yaml(RULE_TESTS).get("tests"))) {
            for (Object check : list(map(test).get("alert_rule_test"))) {
                Map<String, Object> expectation = map(check);
                List<Object> expected = expectation.get("exp_alerts") == null ? List.of() : list(expectation.get("exp_alerts"));
                (expected.isEmpty() ? quiet : fires).add((String) expectation.get("alertname"));
            }
        }
        Set<String> alerts = alerts().keySet();

        assertThat(alerts).contains("Oversell", "DeadLettersGrowing", "RelayLagHigh", "SettlementP99TooSlow", "ServiceDown",
                "DependencyUnreachable");
        assertThat(fires).as("alerts with a test case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a test case where they stay quiet").containsAll(alerts);
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws IOException {
        Set<String> anchors = runbookAnchors();
        assertThat(anchors).as("headings of " + RUNBOOK).contains("runbook", "alerts", "operator-knobs-nacos");

        alerts().forEach((name, rule) -> {
            Map<String, Object> labels = map(rule.get("labels"));
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(labels.get("severity")).as(name + " severity").isIn("critical", "warning");
            assertThat((String) annotations.get("summary")).as(name + " summary").isNotBlank();
            assertThat((String) annotations.get("description")).as(name + " description").isNotBlank();
            String runbook = (String) annotations.get("runbook_url");
            assertThat(runbook).as(name + " runbook_url").startsWith(RUNBOOK_URL);
            assertThat(anchors).as(name + ": docs/RUNBOOK.md has no heading for " + runbook)
                    .contains(runbook.substring(RUNBOOK_URL.length()));
        });
    }

    /**
     * Every panel's PromQL parses: each becomes a recording rule that promtool checks, with Grafana's variables
     * filled in the way ./seckill check-dashboards fills them (which then needs the stack to run them).
     */
    @Test
    void everyDashboardQueryIsValidPromQL(@TempDir Path dir) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        Map<String, String> panelOfRule = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(RepoFiles.ROOT.resolve("config/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                List<JsonNode> panels = new ArrayList<>();
                collectPanels(json.readTree(Files.readString(file)).path("panels"), panels);
                for (JsonNode panel : panels) {
                    for (JsonNode target : panel.path("targets")) {
                        String rule = "dashboard:query_" + panelOfRule.size();
                        panelOfRule.put(rule, file.getFileName() + " / " + panel.path("title").asString() + " / "
                                + target.path("refId").asString());
                        String expr = grafanaVariablesFilledIn(target.path("expr").asString());
                        rules.append("      - record: ").append(rule).append("\n        expr: ").append(json.writeValueAsString(expr))
                                .append('\n');
                    }
                }
            }
        }
        assertThat(panelOfRule).as("dashboard queries").hasSizeGreaterThan(20);
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);

        Commands.Result check = promtool("check", "rules", file.toString());
        assertThat(check.exitCode()).as("promtool check rules on the dashboards' queries says:\n" + check.output()
                + "\nwhere the rules are these panels:\n" + panelOfRule).isZero();
    }

    private static String grafanaVariablesFilledIn(String expr) {
        return expr.replaceAll("\\$\\{?activity}?", "118946318600355840").replace("$__rate_interval", "1m")
                .replace("$__interval", "15s").replace("$__range", "30m");
    }

    private static void collectPanels(JsonNode array, List<JsonNode> panels) {
        for (JsonNode panel : array) {
            if ("row".equals(panel.path("type").asString())) {
                collectPanels(panel.path("panels"), panels);
            } else {
                panels.add(panel);
            }
        }
    }

    /** Alert name → rule, from every group of the rules file. */
    private static Map<String, Map<String, Object>> alerts() throws IOException {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Object group : list(yaml(RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> alert = map(rule);
                if (alert.containsKey("alert")) {
                    alerts.put((String) alert.get("alert"), alert);
                }
            }
        }
        return alerts;
    }

    /** The anchors GitHub gives the runbook's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> runbookAnchors() throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(Files.readString(RUNBOOK));
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    /** Each job with its targets reduced to their ports: what must be the same locally and under compose. */
    private static List<String> jobsWithoutHosts(List<Map<String, Object>> jobs) {
        return jobs.stream().map(job -> {
            Map<String, Object> copy = new LinkedHashMap<>(job);
            List<Object> groups = new ArrayList<>();
            for (Object group : list(job.get("static_configs"))) {
                Map<String, Object> withPorts = new LinkedHashMap<>(map(group));
                withPorts.put("targets", list(withPorts.get("targets")).stream().map(t -> t.toString().replaceAll("^.*:", ":")).toList());
                groups.add(withPorts);
            }
            copy.put("static_configs", groups);
            List<Object> relabels = new ArrayList<>();
            for (Object relabel : job.get("relabel_configs") == null ? List.of() : list(job.get("relabel_configs"))) {
                Map<String, Object> withPort = new LinkedHashMap<>(map(relabel));
                withPort.computeIfPresent("replacement", (key, value) -> value.toString().replaceAll("^.*:", ":"));
                relabels.add(withPort);
            }
            copy.put("relabel_configs", relabels);
            return copy.toString();
        }).toList();
    }

    private static List<String> targets(List<Map<String, Object>> jobs) {
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : jobs) {
            for (Object group : list(job.get("static_configs"))) {
                list(map(group).get("targets")).forEach(target -> targets.add(target.toString()));
            }
            for (Object relabel : job.get("relabel_configs") == null ? List.of() : list(job.get("relabel_configs"))) {
                if ("__address__".equals(map(relabel).get("target_label"))) {
                    targets.add(map(relabel).get("replacement").toString());
                }
            }
        }
        return targets;
    }

    private static List<Map<String, Object>> scrapeConfigs(String config) throws IOException {
        return list(yaml(PROMETHEUS.resolve(config)).get("scrape_configs")).stream().map(PrometheusRulesIT::map).toList();
    }

    private static Commands.Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        return Commands.run(command, INSTALL_PROMETHEUS);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
