package io.seckill.demo.observe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Reads the truth the report is judged on straight from the stores, not from the services' answers:
 * the Redis counter and the record of accepted purchases, the ledger of record and the orders in MySQL.
 * Redis is the one the services use: the single server, or the cluster when
 * {@code SPRING_DATA_REDIS_CLUSTER_NODES} names its nodes (as {@code ./seckill} sets it for the services).
 */
public final class StackProbe implements AutoCloseable {

    /** Lettuce logs through java.util.logging here: a WARNING per reconnect attempt while a killed master is down. */
    private static final java.util.logging.Logger LETTUCE = java.util.logging.Logger.getLogger("io.lettuce.core");

    static {
        LETTUCE.setLevel(java.util.logging.Level.SEVERE);
    }

    private final AbstractRedisClient redisClient;
    private final StatefulConnection<String, String> redisConnection;
    private final RedisClusterCommands<String, String> redis;
    private final String jdbcBase;
    private final String user;
    private final String password;
    private final Map<String, Connection> connections = new java.util.HashMap<>();

    public StackProbe(String redisHost, int redisPort, String mysqlHost, int mysqlPort, String user, String password) {
        this(List.of(), redisHost, redisPort, mysqlHost, mysqlPort, user, password);
    }

    /** With {@code clusterNodes} ("host:port" each) non-empty, Redis is read through the cluster they seed. */
    StackProbe(List<String> clusterNodes, String redisHost, int redisPort, String mysqlHost, int mysqlPort, String user,
            String password) {
        if (clusterNodes.isEmpty()) {
            RedisClient single = RedisClient.create("redis://" + redisHost + ":" + redisPort);
            StatefulRedisConnection<String, String> connection = single.connect();
            this.redisClient = single;
            this.redisConnection = connection;
            this.redis = connection.sync();
        } else {
            RedisClusterClient cluster = RedisClusterClient.create(clusterNodes.stream()
                    .map(node -> RedisURI.create("redis://" + node)).toList());
            // A master killed under chaos: the topology is read again on MOVED or a lost connection, and every 2 s.
            cluster.setOptions(ClusterClientOptions.builder().topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(2)).build()).build());
            StatefulRedisClusterConnection<String, String> connection = cluster.connect();
            this.redisClient = cluster;
            this.redisConnection = connection;
            this.redis = connection.sync();
        }
        this.jdbcBase = "jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/";
        this.user = user;
        this.password = password;
    }

    public static StackProbe local() {
        Map<String, String> env = System.getenv();
        String cluster = env.getOrDefault("SPRING_DATA_REDIS_CLUSTER_NODES", "");
        return new StackProbe(cluster.isBlank() ? List.of() : List.of(cluster.split(",")),
                env.getOrDefault("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379")),
                env.getOrDefault("MYSQL_HOST", "127.0.0.1"), Integer.parseInt(env.getOrDefault("MYSQL_PORT", "3306")),
                env.getOrDefault("MYSQL_USER", "seckill"), env.getOrDefault("MYSQL_PASSWORD", "seckill"));
    }

    /** Whether Redis is the cluster (the services' SPRING_DATA_REDIS_CLUSTER_NODES). */
    public boolean onRedisCluster() {
        return redisClient instanceof RedisClusterClient;
    }

    /** The port of the cluster master serving a sale's keys now (they share one hash slot). */
    public synchronized int masterPortOf(long activityId) {
        RedisClusterClient cluster = (RedisClusterClient) redisClient;
        cluster.refreshPartitions();
        int slot = io.lettuce.core.cluster.SlotHash.getSlot("sk:{" + activityId + "}:stock");
        RedisClusterNode master = cluster.getPartitions().getPartitionBySlot(slot);
        if (master == null || master.is(RedisClusterNode.NodeFlag.FAIL)) {
            throw new IllegalStateException("no live master serves the slot of sale " + activityId + " now");
        }
        return master.getUri().getPort();
    }

    /** Units Redis still offers. */
    public int redisRemaining(long activityId) {
        String value = redis.get("sk:{" + activityId + "}:stock");
        return value == null ? -1 : Integer.parseInt(value);
    }

    /** Accepted purchases still in the sale's request stream, not yet relayed to Kafka. */
    public synchronized long requestBacklog(long activityId) {
        return redis.xlen("sk:{" + activityId + "}:requests");
    }

    /** Every purchase the platform accepted (recorded by the purchase script in the same atomic step). */
    public Set<Long> acceptedInRedis(long activityId) {
        Set<Long> ids = new HashSet<>();
        redis.hkeys("sk:{" + activityId + "}:results").forEach(id -> ids.add(Long.parseLong(id)));
        return ids;
    }

    public Ledger ledger(long activityId) {
        return query("inventory", "SELECT total, available, frozen, reserved, sold FROM stock_ledger WHERE activity_id = ?",
                activityId, rows -> rows.next()
                        ? new Ledger(rows.getInt(1), rows.getInt(2), rows.getInt(3), rows.getInt(4), rows.getInt(5))
                        : new Ledger(0, 0, 0, 0, 0));
    }

    public Orders orders(long activityId) {
        Map<String, Integer> byStatus = query("orders",
                "SELECT status, COUNT(*) FROM orders WHERE activity_id = ? GROUP BY status", activityId, rows -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    while (rows.next()) counts.put(rows.getString(1), rows.getInt(2));
                    return counts;
                });
        int maxPerUser = query("orders", "SELECT COALESCE(MAX(units), 0) FROM (SELECT SUM(quantity) AS units FROM orders"
                + " WHERE activity_id = ? AND status <> 'FAILED' GROUP BY user_id) per_user", activityId,
                rows -> rows.next() ? rows.getInt(1) : 0);
        return new Orders(byStatus, maxPerUser);
    }

    public Set<Long> orderIds(long activityId) {
        return query("orders", "SELECT order_id FROM orders WHERE activity_id = ?", activityId, rows -> {
            Set<Long> ids = new HashSet<>();
            while (rows.next()) ids.add(rows.getLong(1));
            return ids;
        });
    }

    /** Order id → owner, for up to {@code max} orders of the sale. */
    public Map<Long, String> owners(long activityId, int max) {
        return query("orders", "SELECT order_id, user_id FROM orders WHERE activity_id = ? ORDER BY order_id LIMIT " + max,
                activityId, rows -> {
                    Map<Long, String> owners = new java.util.LinkedHashMap<>();
                    while (rows.next()) owners.put(rows.getLong(1), rows.getString(2));
                    return owners;
                });
    }

    /** Order id and owner of every order waiting for payment. */
    public List<Map.Entry<Long, String>> unpaid(long activityId) {
        return query("orders", "SELECT order_id, user_id FROM orders WHERE activity_id = ? AND status = 'CREATED' ORDER BY order_id",
                activityId, rows -> {
                    List<Map.Entry<Long, String>> unpaid = new ArrayList<>();
                    while (rows.next()) unpaid.add(Map.entry(rows.getLong(1), rows.getString(2)));
                    return unpaid;
                });
    }

    /** One connection per schema, kept for the polls; opened again if the previous one broke. */
    private synchronized <T> T query(String database, String sql, long activityId, RowReader<T> reader) {
        try {
            Connection connection = connections.get(database);
            if (connection == null || !connection.isValid(1)) {
                if (connection != null) connection.close();
                connection = DriverManager.getConnection(jdbcBase + database, user, password);
                connections.put(database, connection);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, activityId);
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + database + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        for (Connection connection : connections.values()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        redisConnection.close();
        redisClient.shutdown();
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The ledger of record of one sale. */
    public record Ledger(int total, int available, int frozen, int reserved, int sold) {
    }

    /** Orders of one sale by status, and the most units any one user holds. */
    public record Orders(Map<String, Integer> byStatus, int maxUnitsPerUser) {

        public int count(String status) {
            return byStatus.getOrDefault(status, 0);
        }

        /** Orders that were placed (reached CREATED): still unpaid, paid or cancelled since. */
        public int placed() {
            return count("CREATED") + count("PAID") + count("CANCELLED");
        }

        public int total() {
            return byStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
