package io.seckill.common.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local Redis Cluster as its nodes see it ({@code redis-cli cluster ...} against the first node): which
 * master serves a key now, and whether a master's replica has taken over. Used with {@link ServerFaults},
 * whose server name for a node is {@code redis-<port>}.
 */
public final class RedisClusterNodes {

    private RedisClusterNodes() {
    }

    /** The port of the master serving {@code key}'s hash slot, asked of any node that answers. */
    public static int masterOf(String key) {
        int slot = Integer.parseInt(ask("cluster", "keyslot", key).trim());
        for (String line : ask("cluster", "nodes").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue; // a slot being migrated
                }
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return port(fields[1]);
                }
            }
        }
        throw new IllegalStateException("no live master serves slot " + slot + " (key " + key + ")");
    }

    /** The port of a live replica of the master on {@code masterPort}. */
    public static int replicaOf(int masterPort) {
        String[] lines = ask("cluster", "nodes").split("\n");
        String masterId = null;
        for (String line : lines) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 2 && port(fields[1]) == masterPort) {
                masterId = fields[0];
            }
        }
        for (String line : lines) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 3 && fields[2].contains("slave") && !fields[2].contains("fail") && fields[3].equals(masterId)) {
                return port(fields[1]);
            }
        }
        throw new IllegalStateException("the master on " + masterPort + " has no live replica");
    }

    /**
     * Closes the replication links of the master on {@code masterPort} ({@code CLIENT KILL TYPE replica}): writes
     * after it reach no replica until one reconnects. With the replica frozen ({@link ServerFaults#freeze}), that is a
     * replica lagging behind for as long as it stays frozen (a frozen replica alone still receives everything into
     * its socket buffer, and so loses nothing).
     */
    public static void cutReplicationLinks(int masterPort) {
        List<String> line = List.of("redis-cli", "-h", StackServer.REDIS_CLUSTER.host(), "-p", Integer.toString(masterPort),
                "client", "kill", "type", "replica");
        try {
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!cli.waitFor(5, TimeUnit.SECONDS) || cli.exitValue() != 0 || !out.matches("\\d+")) {
                throw new IllegalStateException("could not cut the replication links of " + masterPort + ": " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli is needed (apt-get install redis-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int port(String address) {
        String hostPort = address.split("@")[0];
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** Waits until a node other than {@code deadPort} serves {@code key} and the cluster says ok again. */
    public static int awaitFailover(String key, int deadPort, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try {
                int master = masterOf(key);
                if (master != deadPort && ask("cluster", "info").contains("cluster_state:ok")) {
                    return master;
                }
            } catch (IllegalStateException notYet) {
                // the slot has no live master until the replica is promoted
            }
            sleep();
        }
        throw new IllegalStateException("no replica took over from the master on " + deadPort + " within " + patience);
    }

    private static String ask(String... command) {
        for (int offset = 0; offset < 6; offset++) {
            List<String> line = new ArrayList<>(List.of("redis-cli", "-h", StackServer.REDIS_CLUSTER.host(), "-p",
                    Integer.toString(StackServer.REDIS_CLUSTER.port() + offset)));
            line.addAll(List.of(command));
            try {
                Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
                String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // A node that is down: redis-cli says so and exits non-zero; ask the next one.
                if (cli.waitFor(5, TimeUnit.SECONDS) && cli.exitValue() == 0 && !out.isBlank()
                        && !out.startsWith("Could not connect") && !out.startsWith("ERR")) {
                    return out;
                }
            } catch (IOException e) {
                throw new IllegalStateException("redis-cli is needed to read the cluster (apt-get install redis-tools)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no node of the Redis Cluster answered " + String.join(" ", command));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
