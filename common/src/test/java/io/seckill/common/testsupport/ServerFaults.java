package io.seckill.common.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Faults done to the real servers of the local stack that {@code ./seckill} started (its pid files under
 * {@code .stack/run/}): a process frozen (SIGSTOP) and thawed, killed -9, and brought back by
 * {@code ./seckill up --servers}, which starts only what is down. A test that needs this and finds a server
 * it cannot signal (started by someone else) fails saying so.
 */
public final class ServerFaults {

    private ServerFaults() {
    }

    private static Path repo() {
        return Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();
    }

    private static Path stackDir() {
        String configured = System.getenv("SECKILL_STACK_DIR");
        return configured == null || configured.isBlank() ? repo().resolve(".stack") : Path.of(configured);
    }

    /** The pid of a server {@code ./seckill} started: {@code seata}, {@code kafka}, {@code redis}, {@code mariadb}. */
    public static long pid(String server) {
        Path file = stackDir().resolve("run").resolve(server + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new IllegalStateException(server + " (pid " + pid + " in " + file + ") is not running");
            }
            return pid;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("this test signals the " + server + " that ./seckill started, but " + file
                    + " names none: run the suite with ./seckill test (or start the servers with ./seckill up --servers)", e);
        }
    }

    /** Freezes the server (SIGSTOP): its sockets stay open, it answers nothing. */
    public static void freeze(String server) {
        signal("STOP", pid(server));
    }

    public static void thaw(String server) {
        signal("CONT", pid(server));
    }

    /** kill -9, waiting until the process is gone. */
    public static void kill(String server) {
        long pid = pid(server);
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(server + " did not die", e);
            }
        });
    }

    /** {@code ./seckill up --servers}: starts what is down (the server just killed) and waits until it answers. */
    public static void bringBack(Duration patience) {
        try {
            Process up = new ProcessBuilder(repo().resolve("seckill").toString(), "up", "--servers").directory(repo().toFile())
                    .redirectErrorStream(true).redirectOutput(stackDir().resolve("logs").resolve("test-faults-up.log").toFile())
                    .start();
            if (!up.waitFor(patience.toSeconds(), TimeUnit.SECONDS) || up.exitValue() != 0) {
                throw new IllegalStateException("./seckill up --servers did not bring the servers back; see "
                        + stackDir().resolve("logs").resolve("test-faults-up.log"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./seckill up --servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
