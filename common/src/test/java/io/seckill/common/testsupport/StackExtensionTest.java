package io.seckill.common.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackExtensionTest {

    @AfterEach
    void clear() {
        System.clearProperty("REDIS_PORT");
    }

    @Test
    void aServerThatAnswersIsFound() throws IOException {
        try (ServerSocket listening = new ServerSocket(0)) {
            System.setProperty("REDIS_PORT", Integer.toString(listening.getLocalPort()));
            assertThat(StackExtension.answers(StackServer.REDIS)).isTrue();
        }
    }

    @Test
    void aMissingServerIsNamedWithTheCommandThatStartsIt() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        System.setProperty("REDIS_PORT", Integer.toString(closedPort));

        assertThat(StackExtension.answers(StackServer.REDIS)).isFalse();
        assertThat(StackExtension.missingMessage("SomeIT", List.of(StackServer.REDIS)))
                .contains("SomeIT", "Redis", "127.0.0.1:" + closedPort, "./seckill up --servers", "./seckill test");
    }
}
