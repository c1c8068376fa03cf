package io.seckill.demo.chaos;

import io.seckill.demo.LocalStack;
import io.seckill.demo.report.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Kills -9, one at a time and at random moments, the processes a sale depends on — seckill-service,
 * order-service, inventory-service and the Kafka broker, each once — and brings each back with
 * {@code ./seckill up} (which restarts only what is down). One round: the sale must then recover by itself. Every kill and return is logged with its time.
 */
public final class ChaosMonkey implements AutoCloseable {

    private static final List<String> TARGETS = List.of("seckill-service", "order-service", "inventory-service", "kafka");

    private final LocalStack stack;
    private final Progress progress;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    private ChaosMonkey(LocalStack stack, Progress progress) {
        this.stack = stack;
        this.progress = progress;
        this.thread = new Thread(this::rampage, "chaos-monkey");
        this.thread.setDaemon(true);
    }

    public static ChaosMonkey start(LocalStack stack, Progress progress) {
        ChaosMonkey monkey = new ChaosMonkey(stack, progress);
        monkey.thread.start();
        return monkey;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until every target was killed once and the last one is back. */
    @Override
    public void close() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One round: each target once, in random order, at random moments a few seconds apart. */
    private void rampage() {
        List<String> order = new ArrayList<>(TARGETS);
        Collections.shuffle(order);
        for (int i = 0; i < order.size(); i++) {
            pause(i == 0 ? 1_000 + ThreadLocalRandom.current().nextInt(4_000) : 2_000 + ThreadLocalRandom.current().nextInt(6_000));
            killAndRestart(order.get(i));
        }
    }

    private void killAndRestart(String target) {
        Path pidFile = stack.state().resolve("run/" + target + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElse(null);
            if (process == null) {
                record("%s was not running (pid %d)", target, pid);
                return;
            }
            process.destroyForcibly();
            process.onExit().get(15, TimeUnit.SECONDS);
            record("killed -9 %s (pid %d)", target, pid);
            long started = System.nanoTime();
            Process up = new ProcessBuilder(stack.repo().resolve("seckill").toString(), "up").directory(stack.repo().toFile())
                    .redirectErrorStream(true).redirectOutput(stack.state().resolve("logs/chaos-up.log").toFile()).start();
            int exit = up.waitFor();
            record("%s back after %.1f s%s", target, (System.nanoTime() - started) / 1e9,
                    exit == 0 ? "" : " (./seckill up exited " + exit + "; see .stack/logs/chaos-up.log)");
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            record("could not kill/restart %s: %s", target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(String format, Object... args) {
        String event = String.format("t+%6.1fs ", progress.elapsedSeconds()) + String.format(format, args);
        events.add(event);
        progress.step("chaos: " + String.format(format, args));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
