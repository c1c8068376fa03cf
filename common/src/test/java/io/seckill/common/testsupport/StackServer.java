package io.seckill.common.testsupport;

/**
 * A server of the local stack that integration tests talk to. Host and port come from the same
 * variables the services' {@code application.yaml} reads ({@code REDIS_HOST}, {@code REDIS_PORT}...),
 * as a system property or environment variable, so a test checks exactly what the service will use.
 */
public enum StackServer {

    REDIS("Redis", "REDIS", 6379),
    /** The local Redis Cluster's first node ({@code ./seckill up --redis-cluster}; {@code ./seckill test} starts it). */
    REDIS_CLUSTER("Redis Cluster", "REDIS_CLUSTER", 7000),
    MYSQL("MySQL (MariaDB)", "MYSQL", 3306),
    KAFKA("Kafka", "KAFKA", 9092),
    SEATA("Seata TC", "SEATA", 8091),
    ZIPKIN("Zipkin", "ZIPKIN", 9411);

    private final String displayName;
    private final String variablePrefix;
    private final int defaultPort;

    StackServer(String displayName, String variablePrefix, int defaultPort) {
        this.displayName = displayName;
        this.variablePrefix = variablePrefix;
        this.defaultPort = defaultPort;
    }

    public String displayName() {
        return displayName;
    }

    public String hostVariable() {
        return variablePrefix + "_HOST";
    }

    public String portVariable() {
        return variablePrefix + "_PORT";
    }

    /**
     * The cluster's seed nodes as Spring's {@code spring.data.redis.cluster.nodes} takes them: the configured
     * {@code REDIS_CLUSTER_NODES}, else the six local nodes from {@link #port()} on.
     */
    public static String clusterNodes() {
        String configured = setting("REDIS_CLUSTER_NODES", "");
        if (!configured.isBlank()) {
            return configured;
        }
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            nodes.append(i == 0 ? "" : ",").append(REDIS_CLUSTER.host()).append(':').append(REDIS_CLUSTER.port() + i);
        }
        return nodes.toString();
    }

    public String host() {
        return setting(hostVariable(), "127.0.0.1");
    }

    public int port() {
        return Integer.parseInt(setting(portVariable(), Integer.toString(defaultPort)));
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
