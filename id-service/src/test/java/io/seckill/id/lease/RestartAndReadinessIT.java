package io.seckill.id.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.MovableClock;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.id.IdServiceApplication;
import io.seckill.id.snowflake.IdsUnavailable;
import io.seckill.id.snowflake.IdsUnavailable.Reason;
import io.seckill.id.snowflake.SnowflakeGenerator;
import io.seckill.id.snowflake.SnowflakeLayout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * id-service started in-process the way a restart starts it: its own context, a worker id of its own
 * (1010..1012, away from the ones running services and the other ITs hold) and a clock the test moves.
 * What it issues is read from its generator, what the probe sees from {@code /actuator/health/readiness}.
 */
@RequiresStack(StackServer.MYSQL)
class RestartAndReadinessIT {

    private static final int EARLIER = 1010;
    private static final int NEVER_USED = 1011;
    private static final int ROBBED = 1012;
    private static final Duration CATCH_UP = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stopEveryInstance() {
        started.forEach(ConfigurableApplicationContext::close); // a clean stop releases the worker id
    }

    private ConfigurableApplicationContext start(int workerId, Clock clock) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdServiceApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run("--server.port=0", "--ids.lease.requested-worker-id=" + workerId);
        started.add(context);
        return context;
    }

    /**
     * Regression (issue 16, the clock): restarted with its clock an hour back, id-service claimed a
     * never-used worker id, whose persisted floor is 0, and issued ids an hour below ids already issued
     * (by itself before the restart, under another worker id), while its readiness said UP. Now a claim
     * starts above the highest time any worker reserved: nothing is issued, and the instance is not
     * ready, until its clock passes that time; then only ids above the earlier ones.
     */
    @Test
    void restartedWithItsClockAnHourBackOnANeverUsedWorkerIdItIssuesNoIdBelowOnesAlreadyIssued() throws Exception {
        ConfigurableApplicationContext earlier = start(EARLIER, new MovableClock());
        long lastEarlier = await().atMost(CATCH_UP).ignoreException(IdsUnavailable.class)
                .until(() -> generator(earlier).nextIds(100)[99], id -> true);
        earlier.getBean(JdbcTemplate.class).update(
                "UPDATE worker_lease SET owner = NULL, expires_at = NULL, last_timestamp = 0 WHERE worker_id = ?", NEVER_USED);
        earlier.close();

        MovableClock hourBack = new MovableClock();
        hourBack.shift(Duration.ofHours(-1));
        ConfigurableApplicationContext restarted = start(NEVER_USED, hourBack);

        assertThat(restarted.getBean(WorkerLeaseKeeper.class).workerId()).hasValue(NEVER_USED);
        assertThatThrownBy(generator(restarted)::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND));
        assertThat(readiness(restarted)).isEqualTo(new Probe(503, "OUT_OF_SERVICE"));

        hourBack.reset();
        long firstAfter = await().atMost(CATCH_UP).ignoreException(IdsUnavailable.class)
                .until(() -> generator(restarted).nextId(), id -> true);
        assertThat(firstAfter).isGreaterThan(lastEarlier);
        assertThat(SnowflakeLayout.decode(firstAfter).workerId()).isEqualTo(NEVER_USED);
        await().atMost(CATCH_UP).until(() -> readiness(restarted).equals(new Probe(200, "UP")));
    }

    /**
     * Regression (issue 16, health): the readiness group sat under {@code management.endpoint.configprops}
     * in application.yaml, so {@code /actuator/health/readiness} said UP without a lease and the probe sent
     * traffic to a pod that answered every id request with 503.
     */
    @Test
    void withoutALeaseReadinessIsOutOfServiceUntilOneIsHeldAgain() throws Exception {
        ConfigurableApplicationContext instance = start(ROBBED, new MovableClock());
        await().atMost(CATCH_UP).until(() -> readiness(instance).equals(new Probe(200, "UP")));
        JdbcTemplate jdbc = instance.getBean(JdbcTemplate.class);

        jdbc.update("UPDATE worker_lease SET owner = 'intruder', expires_at = DATE_ADD(NOW(3), INTERVAL 1 HOUR)"
                + " WHERE worker_id = ?", ROBBED);
        try {
            instance.getBean(WorkerLeaseKeeper.class).heartbeat();

            assertThat(instance.getBean(WorkerLeaseKeeper.class).workerId()).isEmpty();
            assertThat(readiness(instance)).isEqualTo(new Probe(503, "OUT_OF_SERVICE"));
        } finally {
            jdbc.update("UPDATE worker_lease SET owner = NULL, expires_at = NULL WHERE worker_id = ? AND owner = 'intruder'",
                    ROBBED);
        }
        // The scheduled heartbeat claims it back; ids (and readiness) wait for the claim's floor.
        await().atMost(CATCH_UP).until(() -> readiness(instance).equals(new Probe(200, "UP")));
        assertThat(generator(instance).nextId()).isPositive();
    }

    private static SnowflakeGenerator generator(ConfigurableApplicationContext context) {
        return context.getBean(SnowflakeGenerator.class);
    }

    record Probe(int status, String health) {
    }

    private Probe readiness(ConfigurableApplicationContext context) throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Probe(response.statusCode(), body.isBlank() ? "" : json.readTree(body).path("status").asString(""));
    }
}
