package io.seckill.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run (Debian's {@code wrk}, under {@code /usr/bin/time} for its own CPU), optionally driven by
 * {@code bench/purchase.lua}. wrk is the generator for every HTTP row of the bench: the same C client
 * for the ceilings and for the purchases, so a row and its ceiling pay the same client cost.
 */
final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern ANSWER = Pattern.compile("^BENCH (token|buy) (\\d+) (\\d+)$", Pattern.MULTILINE);
    private static final Pattern CPU = Pattern.compile("^WRKCPU ([\\d.]+) ([\\d.]+)$", Pattern.MULTILINE);

    private final Path script;
    private final Path logDir;

    Wrk(Path workDir, Path logDir) {
        this.logDir = logDir;
        try {
            Files.createDirectories(workDir);
            this.script = workDir.resolve("purchase.lua");
            try (var in = Wrk.class.getResourceAsStream("/bench/purchase.lua")) {
                Files.write(script, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What wrk measured: requests, their latency, its own CPU and (with the script) the answers to token
     * requests and to buys by status ("token 200", "buy 202", ...).
     */
    record Result(long requests, double seconds, double p50Ms, double p99Ms, long generatorCpuMicros,
            Map<String, Long> answers) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        long answers(String kind, int status) {
            return answers.getOrDefault(kind + " " + status, 0L);
        }

        /** Token requests answered: every purchase attempt starts with one. */
        long attempts() {
            return answers.entrySet().stream().filter(e -> e.getKey().startsWith("token ")).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** A plain GET of {@code url}: the no-op ceilings. */
    Result get(String name, String url, int connections, Duration duration) {
        return run(name, url, connections, Math.max(1, Math.min(2, connections)), duration, Map.of(), false);
    }

    /** Purchases (or token requests alone) on the script: one thread per connection. */
    Result purchases(String name, String baseUrl, int connections, Duration duration, Map<String, String> environment) {
        return run(name, baseUrl, connections, connections, duration, environment, true);
    }

    private Result run(String name, String url, int connections, int threads, Duration duration,
            Map<String, String> environment, boolean scripted) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "WRKCPU %U %S", "wrk",
                "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "10s"));
        if (scripted) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process wrk = builder.start();
            String out = new String(wrk.getInputStream().readAllBytes());
            int exit = wrk.waitFor();
            Files.writeString(logDir.resolve("bench-wrk-" + name + ".log"), String.join(" ", command) + "\n" + out);
            if (exit != 0) {
                throw new IllegalStateException("wrk exited " + exit + " for " + name + ":\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run wrk (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String out) {
        Matcher requests = REQUESTS.matcher(out);
        if (!requests.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + out);
        }
        double p50 = 0;
        double p99 = 0;
        Matcher percentiles = PERCENTILE.matcher(out);
        while (percentiles.find()) {
            double ms = millis(percentiles.group(2), percentiles.group(3));
            if (percentiles.group(1).equals("50")) p50 = ms; else p99 = ms;
        }
        Map<String, Long> answers = new TreeMap<>();
        Matcher answer = ANSWER.matcher(out);
        while (answer.find()) {
            answers.put(answer.group(1) + " " + answer.group(2), Long.parseLong(answer.group(3)));
        }
        Matcher cpu = CPU.matcher(out);
        long cpuMicros = cpu.find() ? Math.round((Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2))) * 1e6) : 0;
        return new Result(Long.parseLong(requests.group(1)), millis(requests.group(2), requests.group(3)) / 1000, p50, p99,
                cpuMicros, answers);
    }

    private static double millis(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> number / 1000;
            case "s" -> number * 1000;
            case "m" -> number * 60_000;
            default -> number;
        };
    }
}
