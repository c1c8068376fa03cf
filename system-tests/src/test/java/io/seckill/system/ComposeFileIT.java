package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml must be a valid Compose file: checked offline by Docker Compose itself
 * ({@code docker-compose config}, which rejects unknown keys; no engine needed). The stack it
 * describes is not started here, since these machines have no Docker engine.
 */
class ComposeFileIT {

    @Test
    void composeFileIsValidAndDeclaresTheWholeStack() throws Exception {
        List<String> compose = composeCommand();

        Commands.Result quiet = run(compose, "config", "-q");
        assertThat(quiet.exitCode()).as("docker-compose config -q says:\n" + quiet.output()).isZero();

        Commands.Result services = run(compose, "config", "--services");
        assertThat(services.stdout().lines())
                .contains("mysql", "redis-1", "redis-6", "redis-cluster", "kafka", "seata", "nacos", "nacos-import")
                .contains("prometheus", "blackbox", "grafana", "zipkin")
                .contains(RepoFiles.SERVICES);
    }

    /**
     * Issue 16: compose fell back to secrets written in the file, so every stack started the documented way
     * accepted tokens signed with a key anyone could read. Without the operator's own, it must not start.
     */
    @Test
    void withoutTheOperatorsSecretsComposeRefusesToStartAndNamesThem() throws Exception {
        Map<String, String> missing = new HashMap<>(SECRETS);
        missing.remove("SECKILL_SERVICE_SECRET");
        Commands.Result refused = Commands.tryRun(command(composeCommand(), "config", "-q"), missing);

        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("SECKILL_SERVICE_SECRET");
    }

    /**
     * Issue 17: the topology ./seckill up --redis-cluster --instances 2 runs locally, which k8s/ describes too
     * (KustomizeIT): a Redis Cluster of six nodes that every service reaches, each purchase waiting for a replica,
     * two instances of each service on the purchase path, and Nacos's admin API open to the import job.
     */
    @Test
    void composeRunsTheRedisClusterAndSeveralInstancesAsTheLocalStackDoes() throws Exception {
        Commands.Result rendered = run(composeCommand(), "config");
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        Map<String, Object> services = map(new Yaml().<Map<String, Object>>load(rendered.stdout()).get("services"));

        Map<String, Object> env = map(map(services.get("seckill-service")).get("environment"));
        assertThat(env.get("SPRING_DATA_REDIS_CLUSTER_NODES").toString().split(","))
                .containsExactly("redis-1:6379", "redis-2:6379", "redis-3:6379", "redis-4:6379", "redis-5:6379", "redis-6:6379");
        assertThat(env.get("SECKILL_SALE_REPLICAS_CONFIRMATIONS")).hasToString("1");
        assertThat(String.join(" ", list(map(services.get("redis-4")).get("command")))).contains("--cluster-enabled yes");
        assertThat(String.join(" ", list(map(services.get("redis-cluster")).get("command")))).contains("--cluster-replicas 1");
        for (String scaled : List.of("seckill-service", "order-service", "inventory-service")) {
            assertThat(((Number) map(map(services.get(scaled)).get("deploy")).get("replicas")).intValue()).as(scaled + " replicas")
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(map(map(services.get("nacos")).get("environment"))).containsEntry("NACOS_AUTH_ADMIN_ENABLE", "false");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return ((List<Object>) value).stream().map(Object::toString).toList();
    }

    /** docker-compose config does not look at bind-mount sources; a missing one would be an empty directory in the container. */
    @Test
    void everyFileTheStackMountsFromTheRepoExists() throws IOException {
        Map<String, Object> compose = new Yaml().load(java.nio.file.Files.readString(RepoFiles.ROOT.resolve("docker-compose.yml")));
        List<String> sources = new ArrayList<>();
        for (Object service : ((Map<?, ?>) compose.get("services")).values()) {
            Object volumes = ((Map<?, ?>) service).get("volumes");
            if (volumes != null) {
                for (Object volume : (List<?>) volumes) {
                    String source = volume.toString().split(":")[0];
                    if (source.startsWith("./")) {
                        sources.add(source);
                    }
                }
            }
        }

        assertThat(sources).contains("./config/prometheus/prometheus.compose.yml", "./config/grafana/dashboards")
                .allSatisfy(source -> assertThat(RepoFiles.ROOT.resolve(source)).exists());
    }

    /** Compose v1 ({@code docker-compose}, as Debian packages it) or the v2 plugin; never silently neither. */
    private static List<String> composeCommand() throws Exception {
        if (works(List.of("docker-compose", "version"))) {
            return List.of("docker-compose");
        }
        if (works(List.of("docker", "compose", "version"))) {
            return List.of("docker", "compose");
        }
        throw new AssertionError("Neither docker-compose nor the docker compose plugin is installed, so"
                + " docker-compose.yml cannot be validated. Install it (apt-get install docker-compose);"
                + " ./seckill test does so when run as root.");
    }

    private static boolean works(List<String> command) throws InterruptedException {
        try {
            return Commands.tryRun(command).exitCode() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    /** What an operator puts in .env (docker-compose.yml has no defaults for them). */
    private static final Map<String, String> SECRETS = Map.of(
            "SECKILL_JWT_SECRET", "compose-file-it-login-secret-0123456789abcdef",
            "SECKILL_SERVICE_SECRET", "compose-file-it-service-secret-0123456789abcdef",
            "SECKILL_PURCHASE_TOKEN_SECRET", "compose-file-it-purchase-secret-0123456789abcdef");

    private static Commands.Result run(List<String> base, String... args) throws IOException, InterruptedException {
        return Commands.tryRun(command(base, args), SECRETS);
    }

    private static List<String> command(List<String> base, String... args) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        return command;
    }
}
