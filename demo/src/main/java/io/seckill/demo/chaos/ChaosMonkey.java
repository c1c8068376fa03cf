package io.seckill.demo.chaos;

import io.seckill.demo.LocalStack;
import io.seckill.demo.Waiting;
import io.seckill.demo.observe.StackProbe;
import io.seckill.demo.report.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Kills -9, one at a time and at random moments, the processes a sale depends on — one instance (of those running)
 * each of seckill-service, order-service and inventory-service, the Kafka broker, and on the Redis Cluster the
 * master holding the sale, each once, a few seconds apart so all of them land in the burst — and brings them back
 * with {@code ./seckill up --servers} and {@code up --services} (which restart only what is down; a killed Redis
 * master only once its replica has taken over its slots, else it would come back empty and serve them so), servers
 * and services apart as their supervisors would (a Redis node is back in seconds, a service JVM starting on the busy
 * cores takes a minute), one run of each at a time, each covering every kill since the last. One round: the sale
 * must then recover by itself. Every kill and return is logged with its time.
 */
public final class ChaosMonkey implements AutoCloseable {

    private static final List<String> SERVICES = List.of("seckill-service", "order-service", "inventory-service");
    private static final String REDIS_MASTER = "the sale's Redis master";

    private final LocalStack stack;
    private final Progress progress;
    private final long activityId;
    private final StackProbe probe;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Restarts servers = new Restarts("--servers");
    private final Restarts services = new Restarts("--services");
    private final Thread thread;

    private ChaosMonkey(LocalStack stack, Progress progress, long activityId, StackProbe probe) {
        this.stack = stack;
        this.progress = progress;
        this.activityId = activityId;
        this.probe = probe;
        this.thread = new Thread(this::rampage, "chaos-monkey");
        this.thread.setDaemon(true);
    }

    public static ChaosMonkey start(LocalStack stack, Progress progress, long activityId, StackProbe probe) {
        ChaosMonkey monkey = new ChaosMonkey(stack, progress, activityId, probe);
        monkey.thread.start();
        return monkey;
    }

    /** One random instance of each service, the broker, and the sale's Redis master on a cluster. */
    private List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (String service : SERVICES) {
            targets.add(LocalStack.instanceName(service, 1 + ThreadLocalRandom.current().nextInt(stack.instances())));
        }
        targets.add("kafka");
        if (probe.onRedisCluster()) {
            targets.add(REDIS_MASTER);
        }
        return targets;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** Waits until every target was killed once and everything is back. */
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
        List<String> order = targets();
        Collections.shuffle(order);
        List<Thread> restarters = List.of(new Thread(servers, "chaos-restarts-servers"), new Thread(services, "chaos-restarts-services"));
        restarters.forEach(restarter -> {
            restarter.setDaemon(true);
            restarter.start();
        });
        for (int i = 0; i < order.size(); i++) {
            Waiting.sleep(Duration.ofMillis(i == 0 ? 1_000 + ThreadLocalRandom.current().nextInt(2_000) : 1_500 + ThreadLocalRandom.current().nextInt(2_500)));
            kill(order.get(i));
        }
        servers.finish();
        services.finish();
        for (Thread restarter : restarters) {
            try {
                restarter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void kill(String target) {
        String process = target;
        int master = 0;
        if (target.equals(REDIS_MASTER)) {
            try {
                master = probe.masterPortOf(activityId);
            } catch (RuntimeException e) {
                record("could not find %s: %s", target, e.getMessage());
                return;
            }
            process = "redis-" + master;
        }
        Path pidFile = stack.state().resolve("run/" + process + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle victim = ProcessHandle.of(pid).orElse(null);
            if (victim == null) {
                record("%s was not running (pid %d)", target, pid);
                return;
            }
            victim.destroyForcibly();
            victim.onExit().get(15, TimeUnit.SECONDS);
            long started = System.nanoTime();
            record("killed -9 %s (pid %d)", master == 0 ? target : target + " on " + master, pid);
            if (master != 0) {
                awaitTakeover(master, started);
            }
            (target.endsWith("-service") || target.contains("-service-") ? services : servers).request(target, started);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            record("could not kill/restart %s: %s", target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code ./seckill up <part>} whenever something of that part was killed, one run at a time: a run brings back
     * every kill requested before it started (two runs at once could both start the same process).
     */
    private final class Restarts implements Runnable {

        private final String part;
        private final Map<String, Long> pending = new LinkedHashMap<>();
        private boolean finished;

        Restarts(String part) {
            this.part = part;
        }

        synchronized void request(String target, long killedAt) {
            pending.put(target, killedAt);
            notifyAll();
        }

        synchronized void finish() {
            finished = true;
            notifyAll();
        }

        @Override
        public void run() {
            while (true) {
                Map<String, Long> batch;
                synchronized (this) {
                    while (pending.isEmpty() && !finished) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    batch = new LinkedHashMap<>(pending);
                    pending.clear();
                }
                int exit = up();
                long now = System.nanoTime();
                batch.forEach((target, killedAt) -> record("%s back after %.1f s%s", target, (now - killedAt) / 1e9,
                        exit == 0 ? "" : " (./seckill up " + part + " exited " + exit + "; see .stack/logs/chaos-up.log)"));
            }
        }

        private int up() {
            try {
                Process up = new ProcessBuilder(stack.repo().resolve("seckill").toString(), "up", part).directory(stack.repo().toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                                stack.state().resolve("logs/chaos-up.log").toFile())).start();
                return up.waitFor();
            } catch (IOException e) {
                record("could not run ./seckill up %s: %s", part, e);
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** Waits (up to 30 s) until another node serves the sale: its replica, promoted by the cluster. */
    private void awaitTakeover(int deadMaster, long killedAt) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                int now = probe.masterPortOf(activityId);
                if (now != deadMaster) {
                    record("its replica on %d took over after %.1f s", now, (System.nanoTime() - killedAt) / 1e9);
                    return;
                }
            } catch (RuntimeException notYet) {
                // no live master for the slot until the replica is promoted
            }
            Waiting.sleep(Duration.ofMillis(200));
        }
        record("no replica took over from %d within 30 s", deadMaster);
    }

    private void record(String format, Object... args) {
        String event = String.format("t+%6.1fs ", progress.elapsedSeconds()) + String.format(format, args);
        events.add(event);
        progress.step("chaos: " + String.format(format, args));
    }

}
