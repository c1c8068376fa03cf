package io.seckill.id.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.ids.client.IdsUnavailableException;
import io.seckill.ids.client.SnowflakeIdClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/** The client other services use, against a real id-service over HTTP. */
@RequiresStack(StackServer.MYSQL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SnowflakeIdClientIT {

    @LocalServerPort
    int port;

    @Test
    void idsComeFromTheBufferWhichIsRefilledInTheBackground() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SnowflakeIdClient client = new SnowflakeIdClient(RestClient.builder()
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.service("test"))), "http://127.0.0.1:" + port, 100, meters)) {
            assertThat(client.awaitReady(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.buffered() == 200);

            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                try {
                    ids.add(client.nextId());
                } catch (IdsUnavailableException drainedFasterThanRefilled) {
                    Thread.sleep(1);
                    i--;
                }
            }

            assertThat(ids).hasSize(5_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.buffered() >= 100);
            assertThat(meters.counter("ids.client.refills", "outcome", "success").count()).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void withIdServiceUnreachableTheBufferStillServesThenFailsClearly() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (SnowflakeIdClient client = new SnowflakeIdClient(RestClient.builder()
                .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.service("test"))), "http://127.0.0.1:" + closedPort, 10,
                new SimpleMeterRegistry())) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(client::nextId)
                    .isInstanceOf(IdsUnavailableException.class)
                    .hasMessageContaining("No id is buffered")
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .hasMessageContaining("ResourceAccessException"));
        }
    }
}
