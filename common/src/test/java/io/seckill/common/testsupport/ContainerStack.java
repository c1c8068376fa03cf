package io.seckill.common.testsupport;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The servers of the stack as containers, for machines with a Docker engine: each started at most
 * once per JVM (shared by every test class) and published to the services through the same
 * {@code *_HOST}/{@code *_PORT} variables their configuration reads.
 */
final class ContainerStack {

    private static final Map<StackServer, GenericContainer<?>> RUNNING = new EnumMap<>(StackServer.class);

    private ContainerStack() {
    }

    static synchronized void start(StackServer... servers) {
        for (StackServer server : servers) {
            RUNNING.computeIfAbsent(server, ContainerStack::startContainer);
        }
    }

    private static GenericContainer<?> startContainer(StackServer server) {
        GenericContainer<?> container = switch (server) {
            case REDIS -> new GenericContainer<>("redis:7.4").withExposedPorts(6379);
            // Cluster nodes announce their container addresses, which a client outside Docker cannot reach.
            case REDIS_CLUSTER -> throw new IllegalStateException("No container recipe for the Redis Cluster: run its ITs"
                    + " with `./seckill test`, which starts a local cluster from redis-server.");
            case MYSQL -> new MySQLContainer("mysql:8.4")
                    .withUsername("seckill").withPassword("seckill")
                    .withCopyFileToContainer(MountableFile.forHostPath(repoDir().resolve("config/mysql/init.sql")),
                            "/docker-entrypoint-initdb.d/init.sql");
            case KAFKA -> new KafkaContainer("apache/kafka:4.1.1");
            case SEATA -> new GenericContainer<>("apache/seata-server:2.3.0").withExposedPorts(8091);
            case ZIPKIN -> new GenericContainer<>("openzipkin/zipkin:3.5").withExposedPorts(9411);
        };
        container.start();
        int internalPort = server == StackServer.KAFKA ? 9092 : container.getExposedPorts().get(0);
        System.setProperty(server.hostVariable(), container.getHost());
        System.setProperty(server.portVariable(), Integer.toString(container.getMappedPort(internalPort)));
        return container;
    }

    private static Path repoDir() {
        return Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();
    }
}
