package io.seckill.demo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time each process of the local stack has used so far, from {@code /proc/<pid>/stat} (user + system,
 * all threads) of the pids {@code ./seckill} keeps under {@code .stack/run/}. Two readings around a round
 * give what each process spent on it: on two shared cores every process steals from the others, so a
 * figure means something only beside what each process used to reach it.
 */
final class StackCpu {

    /** The processes a purchase or its settlement can touch, in the order the tables show them. */
    static final List<String> PROCESSES = List.of("gateway", "seckill-service", "seckill-service-2", "order-service",
            "inventory-service", "id-service", "redis", "mariadb", "kafka", "seata");

    /** The local Redis Cluster's nodes ({@code ./seckill up --redis-cluster}): their CPU is counted as "redis". */
    private static final List<String> CLUSTER_NODES = List.of("redis-7000", "redis-7001", "redis-7002", "redis-7003",
            "redis-7004", "redis-7005");

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private final Path runDir;

    StackCpu(Path stateDir) {
        this.runDir = stateDir.resolve("run");
    }

    /** Microseconds of CPU used so far by each process (absent: not running). */
    Map<String, Long> read() {
        Map<String, Long> micros = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            Long ticks = ticksOf(name);
            if (name.equals("redis")) {
                for (String node : CLUSTER_NODES) {
                    Long nodeTicks = ticksOf(node);
                    if (nodeTicks != null) {
                        ticks = ticks == null ? nodeTicks : Long.valueOf(ticks + nodeTicks);
                    }
                }
            }
            if (ticks != null) {
                micros.put(name, ticks * 1_000_000 / TICKS_PER_SECOND);
            }
        }
        return micros;
    }

    /** What each process used between two readings. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((name, micros) -> {
            Long start = before.get(name);
            if (start != null && micros >= start) {
                used.put(name, micros - start);
            }
        });
        return used;
    }

    private Long ticksOf(String name) {
        Long pid = pid(name);
        return pid == null ? null : ticks(pid);
    }

    Long pid(String name) {
        try {
            return Long.parseLong(Files.readString(runDir.resolve(name + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static Long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: fields are counted after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
