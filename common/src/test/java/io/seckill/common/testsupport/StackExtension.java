package io.seckill.common.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Makes sure the servers a test class declares with {@link RequiresStack} are there.
 *
 * <p>Default mode: the servers were started by {@code ./seckill test} (or {@code ./seckill up}); this
 * only checks each answers on its port and otherwise fails the class, naming what to start.
 * Containers mode ({@code -Dseckill.test.containers=true}, i.e. {@code ./seckill test --containers}):
 * for machines with a Docker engine, the servers are started once per JVM with Testcontainers instead.
 */
public class StackExtension implements BeforeAllCallback {

    static final String CONTAINERS_MODE = "seckill.test.containers";
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        StackServer[] servers = AnnotationSupport
                .findAnnotation(context.getRequiredTestClass(), RequiresStack.class)
                .map(RequiresStack::value)
                .orElse(new StackServer[0]);
        if (Boolean.getBoolean(CONTAINERS_MODE)) {
            ContainerStack.start(servers);
            return;
        }
        List<StackServer> missing = new ArrayList<>();
        for (StackServer server : servers) {
            if (!answers(server)) {
                missing.add(server);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missingMessage(context.getRequiredTestClass().getSimpleName(), missing));
        }
    }

    static String missingMessage(String testName, List<StackServer> missing) {
        StringBuilder message = new StringBuilder(testName).append(" needs servers that are not running:");
        for (StackServer server : missing) {
            message.append("\n  - ").append(server.displayName()).append(": nothing answers on ")
                    .append(server.host()).append(':').append(server.port());
        }
        message.append("\nStart them with `./seckill up --servers").append(missing.contains(StackServer.REDIS_CLUSTER)
                ? " --redis-cluster" : "").append("` (or run the whole suite with")
                .append(" `./seckill test`, which starts and stops them itself).");
        return message.toString();
    }

    static boolean answers(StackServer server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
