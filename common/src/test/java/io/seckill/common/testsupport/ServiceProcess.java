package io.seckill.common.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another platform service, run for real from its built jar ({@code <module>/target/<module>.jar}) on a
 * free port, once per test JVM, and stopped when the JVM exits. Tests of one service use it to talk to
 * the services it calls over real HTTP (seckill-service to id-service and inventory-service). The Maven
 * reactor builds those modules first; on its own, build them with {@code ./mvnw -pl <module> -am package}.
 */
public final class ServiceProcess {

    private static final Map<String, String> BASE_URLS = new ConcurrentHashMap<>();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private ServiceProcess() {
    }

    /** The base URL of a running instance of {@code module}, started on first use. */
    public static String baseUrl(String module) {
        return baseUrl(module, Map::of);
    }

    /** As {@link #baseUrl(String)}, with environment variables for its start (e.g. where its own dependencies run). */
    public static String baseUrl(String module, java.util.function.Supplier<Map<String, String>> environment) {
        String running = BASE_URLS.get(module);
        if (running != null) {
            return running;
        }
        // Resolved outside the map's lock: the environment may start other services.
        Map<String, String> variables = environment.get();
        return BASE_URLS.computeIfAbsent(module, m -> startDetached(m, variables).baseUrl());
    }

    /** An instance of its own, not shared, that a test may kill: for crash tests. */
    public static Running startDetached(String module, Map<String, String> variables) {
        Path repo = repo();
        Path jar = jar(repo, module);
        int port = freePort();
        Path log = repo.resolve(module).resolve("target").resolve(module + "-for-tests-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port,
                "--spring.profiles.active=local")); // the packaged secrets TestTokens signs with
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SECKILL_CONFIG_DIR", repo.resolve("config").toString());
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            String baseUrl = "http://127.0.0.1:" + port;
            awaitUp(module, process, baseUrl + "/actuator/health/readiness", log);
            return new Running(baseUrl, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    /** How a service process ended that was expected to refuse to start, and what it logged. */
    public record Exited(int code, String log) {
    }

    /**
     * Starts {@code module}'s jar with exactly these arguments (no profile added) and waits for it to exit:
     * for start-up refusals. A process still running after {@code patience} is stopped and reported as such.
     */
    public static Exited runUntilExit(String module, List<String> arguments, Map<String, String> variables, Duration patience) {
        Path repo = repo();
        Path jar = jar(repo, module);
        int port = freePort();
        Path log = repo.resolve(module).resolve("target").resolve(module + "-refusal-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SECKILL_CONFIG_DIR", repo.resolve("config").toString());
        builder.environment().keySet().removeIf(name -> name.endsWith("_SECRET")); // only the secrets given here
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            if (!process.waitFor(patience.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(module + " was still running after " + patience + "; see " + log);
            }
            return new Exited(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A started service process, and where it logs ({@code null} when not kept apart). */
    public record Running(String baseUrl, Process process, Path log) {

        public Running(String baseUrl, Process process) {
            this(baseUrl, process, null);
        }

        /**
         * A graceful stop (SIGTERM), as an orchestrator stops an instance: its Kafka consumers leave their groups at
         * once, rather than holding their partitions until the session times out as after {@link #kill()}.
         */
        public void stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** kill -9: no shutdown hooks, no graceful stop, exactly like a crash. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts {@code module}'s jar under the {@code local} profile plus {@code arguments}, and returns once it is
     * live ({@code /actuator/health/liveness} UP), ready or not: for tests of what an instance does before it is
     * ready. Its log is {@link Running#log()}; it is stopped when the JVM exits (or by the test).
     */
    public static Running startLive(String module, List<String> arguments, Map<String, String> variables) {
        Path repo = repo();
        Path jar = jar(repo, module);
        int port = freePort();
        Path log = repo.resolve(module).resolve("target").resolve(module + "-live-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SECKILL_CONFIG_DIR", repo.resolve("config").toString());
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            String baseUrl = "http://127.0.0.1:" + port;
            awaitUp(module, process, baseUrl + "/actuator/health/liveness", log);
            return new Running(baseUrl, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
    }

    private static void awaitUp(String module, Process process, String probe, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited while starting; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(probe))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException(module + " did not answer UP at " + probe + " within " + START_TIMEOUT + "; see " + log);
    }

    private static Path repo() {
        return Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();
    }

    private static Path jar(Path repo, String module) {
        Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is needed by this test but " + jar + " is not built: run"
                    + " `./mvnw -pl " + module + " -am package -DskipTests` (./seckill test builds it in order).");
        }
        return jar;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
