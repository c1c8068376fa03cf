package io.seckill.demo.observe;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./seckill check-dashboards}: every panel of every dashboard in {@code config/grafana/dashboards} must
 * show data. Runs each panel's PromQL against the running Prometheus the way Grafana would (a range query over
 * the dashboard's own time range, Grafana's variables filled in) and names every panel that returns no series.
 * Meant to run right after {@code ./seckill demo}: the dashboards are built to be satisfied by one sale.
 * Exit code 0 if every panel has data, 1 if one has none or its query is refused, 2 if it cannot check at all.
 */
public final class DashboardCheck {

    /** Points 15 s apart: enough to see a sale's burst, few enough that the check stays cheap. */
    static final Duration STEP = Duration.ofSeconds(15);
    /** Grafana's $__rate_interval for a 5 s scrape is at least 20 s; 1 m always holds several samples. */
    static final String RATE_INTERVAL = "1m";
    /** Used when a dashboard's time range is not of the form now-N{s,m,h,d}. */
    static final Duration DEFAULT_RANGE = Duration.ofMinutes(30);
    /** What a variable with no known value becomes: it is used in =~ matchers, so "any". */
    static final String ANY = ".+";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RELATIVE_TIME = Pattern.compile("now-(\\d+)([smhd])");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]+?)\\s*,\\s*(\\w+)\\s*\\)");
    /** Grafana's variable syntaxes: ${name}, ${name:format}, [[name]], $name. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

    public record Target(String refId, String expr) {
    }

    public record Panel(String title, List<Target> targets) {
    }

    /** A query variable; {@code metric} and {@code label} are set when it is {@code label_values(metric, label)}. */
    public record Variable(String name, String query, String metric, String label) {
    }

    public record Dashboard(String file, String title, Duration range, List<Variable> variables, List<Panel> panels) {
    }

    private final PrometheusApi prometheus;
    private final PrintStream out;

    public DashboardCheck(PrometheusApi prometheus, PrintStream out) {
        this.prometheus = prometheus;
        this.out = out;
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("seckill.repo.dir", ".")).toAbsolutePath().normalize();
        String url = System.getProperty("seckill.prometheus.url", "http://127.0.0.1:9090");
        try (PrometheusApi prometheus = new PrometheusApi(url)) {
            System.exit(new DashboardCheck(prometheus, System.out).run(repo.resolve("config/grafana/dashboards"), Instant.now()));
        }
    }

    /** Checks every {@code *.json} in {@code directory} as of {@code now}; returns the exit code. */
    public int run(Path directory, Instant now) {
        List<Dashboard> dashboards;
        try {
            dashboards = readAll(directory);
        } catch (IOException | RuntimeException e) {
            out.println("Cannot read the dashboards in " + directory + ": " + e.getMessage());
            return 2;
        }
        if (dashboards.isEmpty()) {
            out.println("No dashboards (*.json) in " + directory);
            return 2;
        }
        List<String> failures = new ArrayList<>();
        int panels = 0;
        try {
            for (Dashboard dashboard : dashboards) {
                Instant start = now.minus(dashboard.range());
                Map<String, String> values = resolve(dashboard, start, now);
                out.println(dashboard.title() + " (" + dashboard.file() + "), last " + human(dashboard.range())
                        + (values.isEmpty() ? "" : ", " + values));
                values.putAll(builtins(dashboard.range()));
                for (Panel panel : dashboard.panels()) {
                    panels++;
                    String problem = check(panel, values, start, now);
                    if (problem != null) {
                        failures.add(dashboard.title() + " / \"" + panel.title() + "\": " + problem);
                    }
                }
            }
        } catch (PrometheusApi.Unreachable e) {
            out.println(e.getMessage());
            out.println("Start it with ./seckill up (Prometheus on 127.0.0.1:9090), run ./seckill demo, then check again;"
                    + " or point -Dseckill.prometheus.url at another one.");
            return 2;
        }
        out.println();
        out.printf("%d panels on %d dashboards against %s: %d with data, %d without%n", panels, dashboards.size(),
                prometheus.baseUrl(), panels - failures.size(), failures.size());
        failures.forEach(failure -> out.println("FAIL  " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Prints the panel's line; returns why it fails, or null when it has data. */
    private String check(Panel panel, Map<String, String> values, Instant start, Instant end) {
        if (panel.targets().isEmpty()) {
            out.printf("  %-8s %4s  %s%n", "NO QUERY", "", panel.title());
            return "has no query";
        }
        int series = 0;
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Target target : panel.targets()) {
            String expr = substitute(target.expr(), values);
            try {
                int found = prometheus.seriesInRange(expr, start, end, STEP);
                series += found;
                if (found == 0) {
                    notes.add(target.refId() + " none");
                }
            } catch (PrometheusApi.QueryFailed e) {
                errors.add(target.refId() + ": " + e.getMessage() + " in " + expr);
            }
        }
        String status = !errors.isEmpty() ? "ERROR" : series == 0 ? "NO DATA" : "ok";
        out.printf("  %-8s %4d  %s%s%n", status, series, panel.title(), notes.isEmpty() || series == 0 ? "" : "  (" + String.join(", ", notes) + ")");
        errors.forEach(error -> out.println("           " + error));
        if (!errors.isEmpty()) {
            return "query refused by Prometheus: " + String.join("; ", errors);
        }
        if (series == 0) {
            List<String> exprs = panel.targets().stream().map(t -> t.refId() + ": " + substitute(t.expr(), values)).toList();
            return "no series (" + String.join("; ", exprs) + ")";
        }
        return null;
    }

    /** The value of each variable: for label_values(metric, label) the newest (numerically largest) value seen. */
    private Map<String, String> resolve(Dashboard dashboard, Instant start, Instant end) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable variable : dashboard.variables()) {
            List<String> seen = variable.metric() == null ? List.of()
                    : prometheus.labelValues(variable.label(), variable.metric(), start, end);
            values.put(variable.name(), newest(seen));
        }
        return values;
    }

    /** Activity ids are Snowflake ids, which grow with time: the largest is the newest sale. */
    static String newest(List<String> values) {
        if (values.isEmpty() || !values.stream().allMatch(v -> v.matches("\\d{1,18}"))) {
            return ANY;
        }
        return values.stream().max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).orElseThrow();
    }

    /** Grafana's built-in interval variables for a panel showing the last {@code range}, as the check queries it. */
    public static Map<String, String> builtins(Duration range) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__rate_interval", RATE_INTERVAL);
        values.put("__interval", STEP.toSeconds() + "s");
        values.put("__interval_ms", Long.toString(STEP.toMillis()));
        values.put("__range", range.toSeconds() + "s");
        values.put("__range_s", Long.toString(range.toSeconds()));
        values.put("__range_ms", Long.toString(range.toMillis()));
        return values;
    }

    /**
     * Replaces Grafana variables in {@code expr} by their values. Anything else that looks like one is left as it is:
     * {@code $1} in a label_replace, or an unknown variable (which Prometheus then refuses, naming it).
     */
    public static String substitute(String expr, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            String value = values.get(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    public static List<Dashboard> readAll(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Dashboard> dashboards = new ArrayList<>();
        for (Path file : files) {
            dashboards.add(read(file));
        }
        return dashboards;
    }

    public static Dashboard read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        JsonNode dashboard = root.has("dashboard") ? root.get("dashboard") : root; // also an export from Grafana's API
        List<Panel> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        return new Dashboard(file.getFileName().toString(), dashboard.path("title").asString(file.getFileName().toString()),
                range(dashboard.path("time").path("from").asString("")), variables(dashboard), panels);
    }

    /** Rows are containers: a collapsed row keeps its panels inside it, an expanded one after it. */
    private static void collectPanels(JsonNode array, List<Panel> panels) {
        for (JsonNode panel : array) {
            if ("row".equals(panel.path("type").asString())) {
                collectPanels(panel.path("panels"), panels);
                continue;
            }
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank() && !target.path("hide").asBoolean(false)) {
                    targets.add(new Target(target.path("refId").asString("?"), expr));
                }
            }
            panels.add(new Panel(panel.path("title").asString("(untitled panel " + panel.path("id").asString() + ")"), targets));
        }
    }

    private static List<Variable> variables(JsonNode dashboard) {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString("") : query.asString("");
            Matcher labelValues = LABEL_VALUES.matcher(text);
            variables.add(labelValues.find()
                    ? new Variable(variable.path("name").asString(), text, labelValues.group(1), labelValues.group(2))
                    : new Variable(variable.path("name").asString(), text, null, null));
        }
        return variables;
    }

    static Duration range(String from) {
        Matcher matcher = RELATIVE_TIME.matcher(from);
        if (!matcher.matches()) {
            return DEFAULT_RANGE;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String human(Duration range) {
        return range.toMinutes() > 0 && range.toSecondsPart() == 0 ? range.toMinutes() + " min" : range.toSeconds() + " s";
    }
}
