package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Guards k8s/: each overlay renders offline with {@code kubectl kustomize}, every object parses strictly
 * into fabric8's Kubernetes model ({@link StrictManifests}: an unknown field or kind fails), and the
 * manifests agree with the services themselves, read from their own files rather than restated here —
 * port, probe and metrics paths from each {@code application.yaml}, every {@code ${ENV}} it reads, its
 * operator file from {@code config/}, docker-compose's environment — and with each other: Services,
 * HPAs and PDBs select real workloads and ports, secrets are referenced, never rendered. Without
 * kubectl (or kustomize) it fails, saying how to install it.
 */
class KustomizeIT {

    private static final Path K8S = RepoFiles.ROOT.resolve("k8s");
    private static final Set<String> AUTOSCALED = Set.of("gateway", "seckill-service");
    private static final String STATEFUL = "id-service";
    /** Variables that must never be literals in a manifest. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> directories = Files.list(K8S.resolve("overlays"))) {
            List<String> overlays = directories.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(overlays).as("overlays under %s", K8S).contains("production");
            return overlays.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceRunsAsOneWorkloadOfItsOwnImage(String overlay) {
        Map<String, Workload> workloads = workloads(rendered(overlay));

        assertThat(workloads.keySet()).containsExactlyInAnyOrder(RepoFiles.SERVICES);
        for (String service : RepoFiles.SERVICES) {
            Workload workload = workloads.get(service);
            assertThat(workload.object()).as(service).isInstanceOf(service.equals(STATEFUL) ? StatefulSet.class : Deployment.class);
            Container container = workload.container();
            assertThat(container.getName()).isEqualTo(service);
            // <registry/>seckill/<service>:<tag>, as the Dockerfile builds it with --build-arg SERVICE=<service>
            Matcher image = Pattern.compile("(?:.*/)?([^/:]+):([\\w][\\w.-]*)").matcher(container.getImage());
            assertThat(image.matches()).as("%s's image %s has a repository and a tag", service, container.getImage()).isTrue();
            assertThat(image.group(1)).as("%s's image", service).isEqualTo(service);
            assertThat(image.group(2)).as("%s's image tag", service).isNotEqualTo("latest");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void containersListenOnTheServicesPortsAndProbeTheirHealthGroups(String overlay) {
        Map<String, Workload> workloads = workloads(rendered(overlay));
        for (String service : RepoFiles.SERVICES) {
            ServiceDefaults defaults = ServiceDefaults.of(service);
            Container container = workloads.get(service).container();

            assertThat(defaults.healthProbesEnabled()).as("%s enables management.endpoint.health.probes", service).isTrue();
            assertThat(defaults.exposedEndpoints()).as("%s's exposed Actuator endpoints", service).contains("health");
            assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort).as("%s's container ports", service)
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(List.of(defaults.port(), defaults.managementPort())));

            assertProbe(service + " liveness", container.getLivenessProbe(), container, defaults.livenessPath(), defaults.managementPort());
            assertProbe(service + " readiness", container.getReadinessProbe(), container, defaults.readinessPath(), defaults.managementPort());
            // The startup probe holds liveness off while Spring starts; it asks the same question liveness does.
            assertProbe(service + " startup", container.getStartupProbe(), container, defaults.livenessPath(), defaults.managementPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerHasResourceRequestsAndLimits(String overlay) {
        workloads(rendered(overlay)).forEach((service, workload) -> {
            var resources = workload.container().getResources();
            assertThat(resources).as("%s's resources", service).isNotNull();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertThat(request).as("%s requests %s", service, resource).isNotNull();
                assertThat(limit).as("%s limits %s", service, resource).isNotNull();
                assertThat(request.getNumericalAmount()).as("%s's %s request <= limit", service, resource)
                        .isLessThanOrEqualTo(limit.getNumericalAmount());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theEnvironmentSetsWhatEachServiceReadsAsComposeDoes(String overlay) throws IOException {
        List<HasMetadata> objects = rendered(overlay);
        JsonNode compose = YAML.readTree(RepoFiles.ROOT.resolve("docker-compose.yml").toFile()).get("x-service-env");
        assertThat(compose).as("docker-compose.yml's x-service-env").isNotNull();

        workloads(objects).forEach((service, workload) -> {
            Map<String, EnvVar> environment = environment(workload.container(), objects);

            assertThat(environment.keySet()).as("%s's environment covers every ${VARIABLE} its application yaml files read", service)
                    .containsAll(ServiceDefaults.of(service).environmentVariables());
            compose.fieldNames().forEachRemaining(name -> {
                if (!SECRET_NAME.matcher(name).matches()) {   // secrets: only to the services that read them
                    assertThat(environment).as("%s's environment, like compose's", service).containsKey(name);
                }
            });
            assertThat(environment.get("SPRING_PROFILES_ACTIVE").getValue()).as("%s's profile", service)
                    .isEqualTo(compose.get("SPRING_PROFILES_ACTIVE").asText());

            environment.values().stream().filter(variable -> variable.getName().endsWith("_URI")).forEach(variable -> {
                URI uri = URI.create(variable.getValue());
                Service target = find(objects, Service.class, uri.getHost());
                assertThat(target).as("%s's %s=%s names a rendered Service", service, variable.getName(), uri).isNotNull();
                assertThat(target.getSpec().getPorts()).extracting(ServicePort::getPort)
                        .as("%s's %s=%s: ports of Service %s", service, variable.getName(), uri, uri.getHost()).contains(uri.getPort());
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void secretsAreReferencedByKeyAndNeverRendered(String overlay) throws IOException {
        List<HasMetadata> objects = rendered(overlay);
        // The Secret as k8s/README.md tells operators to create it: `kubectl create secret generic <name> --from-literal=<key>=...`
        String readme = Files.readString(K8S.resolve("README.md"));
        Matcher creation = Pattern.compile("create secret generic ([\\w.-]+)((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(readme);
        assertThat(creation.find()).as("k8s/README.md documents `kubectl create secret generic <name> --from-literal=...`").isTrue();
        String documentedSecret = creation.group(1);
        Set<String> documentedKeys = Pattern.compile("--from-literal=([\\w.-]+)=").matcher(creation.group(2)).results()
                .map(key -> key.group(1)).collect(Collectors.toSet());
        assertThat(documentedKeys).as("keys of the documented Secret %s", documentedSecret).isNotEmpty();

        assertThat(objects).as("rendered objects").noneMatch(Secret.class::isInstance);
        only(objects, ConfigMap.class).forEach(configMap -> assertThat(configMap.getData().keySet())
                .as("keys of ConfigMap %s", configMap.getMetadata().getName()).noneMatch(key -> SECRET_NAME.matcher(key).matches()));
        Set<String> usedKeys = new TreeSet<>();
        workloads(objects).forEach((service, workload) -> {
            Container container = workload.container();
            assertThat(container.getEnvFrom()).as("%s takes single keys of a Secret, never all of it", service)
                    .allMatch(from -> from.getSecretRef() == null);
            assertThat(workload.template().getSpec().getVolumes()).as("%s's volumes", service)
                    .allMatch(volume -> volume.getSecret() == null);
            environment(container, objects).forEach((name, variable) -> {
                SecretKeySelector secret = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
                if (SECRET_NAME.matcher(name).matches()) {
                    assertThat(secret).as("%s's %s comes from a Secret, not a literal or a ConfigMap", service, name).isNotNull();
                }
                if (secret != null) {
                    assertThat(secret.getName()).as("%s's %s: the documented Secret", service, name).isEqualTo(documentedSecret);
                    assertThat(documentedKeys).as("%s's %s: a key documented in k8s/README.md", service, name).contains(secret.getKey());
                    usedKeys.add(secret.getKey());
                }
            });
        });
        assertThat(usedKeys).as("keys of %s that some service reads", documentedSecret).isEqualTo(documentedKeys);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void eachServiceReadsItsOperatorFileFromAConfigMap(String overlay) throws IOException {
        List<HasMetadata> objects = rendered(overlay);
        for (String service : RepoFiles.SERVICES) {
            Workload workload = workloads(objects).get(service);
            EnvVar directory = environment(workload.container(), objects).get("SECKILL_CONFIG_DIR");
            assertThat(directory).as("%s sets SECKILL_CONFIG_DIR", service).isNotNull();

            VolumeMount mount = workload.container().getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals(directory.getValue())).findFirst().orElse(null);
            assertThat(mount).as("%s mounts a volume at SECKILL_CONFIG_DIR=%s", service, directory.getValue()).isNotNull();
            assertThat(mount.getSubPath()).as("%s: a subPath mount would never see an update", service).isNull();
            Volume volume = workload.template().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getConfigMap()).as("%s's volume %s is a ConfigMap", service, volume.getName()).isNotNull();
            ConfigMap configMap = find(objects, ConfigMap.class, volume.getConfigMap().getName());
            assertThat(configMap).as("%s's ConfigMap %s is rendered", service, volume.getConfigMap().getName()).isNotNull();

            String file = service + ".yaml";
            assertThat(configMap.getData()).as("ConfigMap %s", configMap.getMetadata().getName())
                    .containsEntry(file, Files.readString(RepoFiles.ROOT.resolve("config").resolve(file)));
            assertThat(volume.getConfigMap().getItems()).as("%s's volume lists no items, or %s", service, file)
                    .allMatch(item -> item.getKey().equals(file) && item.getPath().equals(file));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesRouteToTheirWorkloadsPorts(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        Map<String, Workload> workloads = workloads(objects);

        for (Service service : only(objects, Service.class)) {
            String name = service.getMetadata().getName();
            List<Workload> selected = selectedBy(service.getSpec().getSelector(), workloads);
            assertThat(selected).as("workloads Service %s selects", name).hasSize(1);
            Container container = selected.get(0).container();
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                assertThat(resolve(target, container)).as("Service %s port %s's target in %s", name, port.getPort(), container.getName())
                        .isNotNull();
            }
        }
        for (String service : RepoFiles.SERVICES) {
            int port = ServiceDefaults.of(service).port();
            Service kubernetesService = find(objects, Service.class, service);
            assertThat(kubernetesService).as("Service %s", service).isNotNull();
            assertThat(kubernetesService.getSpec().getPorts()).as("Service %s routes port %s to the server port", service, port)
                    .anyMatch(p -> p.getPort() == port && Objects.equals(resolve(p.getTargetPort(), workloads.get(service).container()), port));
        }
        StatefulSet ids = (StatefulSet) workloads.get(STATEFUL).object();
        Service governing = find(objects, Service.class, ids.getSpec().getServiceName());
        assertThat(governing).as("the StatefulSet's serviceName %s", ids.getSpec().getServiceName()).isNotNull();
        assertThat(governing.getSpec().getClusterIP()).as("Service %s is headless", governing.getMetadata().getName()).isEqualTo("None");
        assertThat(selectedBy(governing.getSpec().getSelector(), workloads)).extracting(Workload::name).containsExactly(STATEFUL);
    }

    /**
     * Issue 17: k8s/ describes the topology compose runs (ComposeFileIT) and ./seckill up --redis-cluster
     * --instances 2 runs locally: every service on a Redis Cluster, each purchase waiting for a replica as compose's
     * do, and at least two instances of each service on the purchase path (a Deployment's replicas, or its HPA's
     * minimum) outside the one-replica local overlay.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theTopologyIsComposes(String overlay) throws IOException {
        List<HasMetadata> objects = rendered(overlay);
        JsonNode compose = YAML.readTree(RepoFiles.ROOT.resolve("docker-compose.yml").toFile()).get("x-service-env");
        workloads(objects).forEach((service, workload) -> {
            Map<String, EnvVar> environment = environment(workload.container(), objects);
            assertThat(environment.get("SPRING_DATA_REDIS_CLUSTER_NODES").getValue()).as("%s's Redis Cluster", service).isNotBlank();
            assertThat(environment.get("SECKILL_SALE_REPLICAS_CONFIRMATIONS").getValue()).as("%s waits for replicas as in compose", service)
                    .isEqualTo(compose.get("SECKILL_SALE_REPLICAS_CONFIRMATIONS").asText());
        });
        if (overlay.equals("local")) {
            return; // one replica to start, on a laptop's cluster
        }
        Map<String, Workload> workloads = workloads(objects);
        for (String scaled : List.of("seckill-service", "order-service", "inventory-service")) {
            Integer replicas = workloads.get(scaled).replicas();
            int least = replicas != null ? replicas : only(objects, HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(scaled))
                    .mapToInt(hpa -> hpa.getSpec().getMinReplicas()).findFirst().orElse(1);
            assertThat(least).as("%s's instances in %s", scaled, overlay).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void thePurchasePathScalesOnCpu(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        Map<String, Workload> workloads = workloads(objects);
        List<HorizontalPodAutoscaler> autoscalers = only(objects, HorizontalPodAutoscaler.class);

        assertThat(autoscalers).extracting(hpa -> hpa.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        for (HorizontalPodAutoscaler autoscaler : autoscalers) {
            var spec = autoscaler.getSpec();
            String target = spec.getScaleTargetRef().getName();
            assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
            assertThat(workloads.get(target).object()).as("HPA %s's target", target).isInstanceOf(Deployment.class);
            assertThat(workloads.get(target).replicas()).as("%s sets no replicas: an apply would undo the HPA's", target).isNull();
            assertThat(spec.getMinReplicas() == null ? 1 : spec.getMinReplicas()).isBetween(1, spec.getMaxReplicas());
            assertThat(spec.getMetrics()).as("HPA %s's metrics", target).anyMatch(metric -> "Resource".equals(metric.getType())
                    && "cpu".equals(metric.getResource().getName()));
            for (MetricSpec metric : spec.getMetrics()) {
                if ("Resource".equals(metric.getType()) && "Utilization".equals(metric.getResource().getTarget().getType())) {
                    // Utilization is a share of the request: without one the HPA cannot compute it.
                    assertThat(workloads.get(target).container().getResources().getRequests()).containsKey(metric.getResource().getName());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyWorkloadHasOneDisruptionBudget(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        Map<String, Workload> workloads = workloads(objects);
        List<PodDisruptionBudget> budgets = only(objects, PodDisruptionBudget.class);

        workloads.forEach((service, workload) -> {
            // The API server refuses a workload whose selector misses its own pods; offline nothing else would.
            assertThat(selectedBy(workload.selector(), Map.of(service, workload))).as("%s's selector selects its pods", service).hasSize(1);
            assertThat(budgets).filteredOn(budget -> matches(budget.getSpec().getSelector(), workload.podLabels()))
                    .as("disruption budgets of %s", service).hasSize(1);
        });
        for (PodDisruptionBudget budget : budgets) {
            assertThat(selectedBy(budget.getSpec().getSelector(), workloads)).as("workloads PDB %s selects", budget.getMetadata().getName())
                    .hasSize(1);
            assertThat(budget.getSpec().getMaxUnavailable() != null || budget.getSpec().getMinAvailable() != null)
                    .as("PDB %s limits something", budget.getMetadata().getName()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void prometheusScrapesTheActuatorEndpoint(String overlay) {
        workloads(rendered(overlay)).forEach((service, workload) -> {
            ServiceDefaults defaults = ServiceDefaults.of(service);
            assertThat(defaults.exposedEndpoints()).as("%s's exposed Actuator endpoints", service).contains("prometheus");
            assertThat(workload.template().getMetadata().getAnnotations()).as("%s's pod annotations", service)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(defaults.managementPort()))
                    .containsEntry("prometheus.io/path", defaults.prometheusPath());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void idServiceTakesItsWorkerIdFromThePodOrdinal(String overlay) throws IOException {
        List<HasMetadata> objects = rendered(overlay);
        Workload ids = workloads(objects).get(STATEFUL);
        JsonNode lease = YAML.readTree(RepoFiles.ROOT.resolve("config/id-service.yaml").toFile()).at("/ids/lease");
        assertThat(lease.has("ordinal-from-hostname")).as("config/id-service.yaml still lists ids.lease.ordinal-from-hostname").isTrue();

        Map<String, EnvVar> environment = environment(ids.container(), objects);
        // Spring's relaxed binding of ids.lease.ordinal-from-hostname from the environment.
        assertThat(environment.get("IDS_LEASE_ORDINALFROMHOSTNAME")).as("IDS_LEASE_ORDINALFROMHOSTNAME").isNotNull()
                .extracting(EnvVar::getValue).isEqualTo("true");
        assertThat(environment).as("a pinned worker id would win over the ordinal").doesNotContainKey("IDS_LEASE_REQUESTEDWORKERID");
        // The ordinal is read from the host name's trailing -N: it must stay the pod name.
        assertThat(ids.template().getSpec().getHostname()).isNull();
        assertThat(ids.template().getSpec().getSetHostnameAsFQDN()).isNotEqualTo(Boolean.TRUE);
        assertThat(ids.replicas()).as("replicas, worker ids 0..1023").isNotNull().isBetween(1, 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectLandsInTheOverlaysNamespace(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        Set<String> namespaces = objects.stream().filter(object -> !(object instanceof Namespace))
                .map(object -> String.valueOf(object.getMetadata().getNamespace())).collect(Collectors.toSet());

        assertThat(namespaces).as("namespaces of the %s overlay's objects", overlay).hasSize(1).doesNotContain("null");
        only(objects, Namespace.class).forEach(namespace -> assertThat(namespaces).contains(namespace.getMetadata().getName()));
    }

    // --- reading the rendered objects

    /** A Deployment or StatefulSet, reduced to what the checks need. */
    private record Workload(String name, HasMetadata object, LabelSelector selector, PodTemplateSpec template, Integer replicas) {

        Container container() {
            List<Container> containers = template.getSpec().getContainers();
            assertThat(containers).as("%s's containers", name).hasSize(1);
            return containers.get(0);
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
        }
    }

    private static Map<String, Workload> workloads(List<HasMetadata> objects) {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Deployment d : only(objects, Deployment.class)) {
            String name = d.getMetadata().getName();
            workloads.put(name, new Workload(name, d, d.getSpec().getSelector(), d.getSpec().getTemplate(), d.getSpec().getReplicas()));
        }
        for (StatefulSet s : only(objects, StatefulSet.class)) {
            String name = s.getMetadata().getName();
            workloads.put(name, new Workload(name, s, s.getSpec().getSelector(), s.getSpec().getTemplate(), s.getSpec().getReplicas()));
        }
        return workloads;
    }

    /** The container's environment as Kubernetes builds it: envFrom first, env overriding it. */
    private static Map<String, EnvVar> environment(Container container, List<HasMetadata> objects) {
        Map<String, EnvVar> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap configMap = find(objects, ConfigMap.class, from.getConfigMapRef().getName());
                assertThat(configMap).as("%s's envFrom ConfigMap %s is rendered", container.getName(), from.getConfigMapRef().getName())
                        .isNotNull();
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                configMap.getData().forEach((key, value) -> environment.put(prefix + key, new EnvVar(prefix + key, value, null)));
            }
        }
        container.getEnv().forEach(variable -> environment.put(variable.getName(), variable));
        return environment;
    }

    private static void assertProbe(String what, Probe probe, Container container, String path, int port) {
        assertThat(probe).as(what + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what + " probe is an HTTP GET").isNotNull();
        assertThat(get.getPath()).as(what + " probe path").isEqualTo(path);
        assertThat(resolve(get.getPort(), container)).as(what + " probe port (%s)", get.getPort()).isEqualTo(port);
    }

    /** A port given by number or by the name of one of the container's ports; null if it names none. */
    private static Integer resolve(IntOrString port, Container container) {
        if (port == null) {
            return null;
        }
        Integer number = port.getIntVal() != null ? port.getIntVal() : container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst().orElse(null);
        boolean declared = container.getPorts().stream().anyMatch(p -> Objects.equals(p.getContainerPort(), number));
        return declared ? number : null;
    }

    private static List<Workload> selectedBy(Map<String, String> selector, Map<String, Workload> workloads) {
        assertThat(selector).as("a Service selector").isNotEmpty();
        return workloads.values().stream().filter(w -> w.podLabels().entrySet().containsAll(selector.entrySet())).toList();
    }

    private static List<Workload> selectedBy(LabelSelector selector, Map<String, Workload> workloads) {
        return workloads.values().stream().filter(w -> matches(selector, w.podLabels())).toList();
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector).as("a label selector").isNotNull();
        // Only matchLabels is written in k8s/; an expression would need evaluating here before it could be trusted.
        assertThat(selector.getMatchExpressions()).as("matchExpressions (not evaluated by this test)").isEmpty();
        assertThat(selector.getMatchLabels()).as("matchLabels").isNotEmpty();
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static <T extends HasMetadata> List<T> only(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
        return only(objects, kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    // --- rendering

    private static List<HasMetadata> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KustomizeIT::render);
    }

    private static List<HasMetadata> render(String overlay) {
        List<String> command = new ArrayList<>(kustomize());
        command.add(K8S.resolve("overlays").resolve(overlay).toString());
        Commands.Result result = run(command);
        assertThat(result.exitCode()).as("%s says:\n%s", String.join(" ", command), result.output()).isZero();
        return StrictManifests.parse(result.stdout());
    }

    /** kubectl's built-in Kustomize, or the standalone binary; never silently neither. */
    private static List<String> kustomize() {
        if (works(List.of("kubectl", "version", "--client"))) {
            return List.of("kubectl", "kustomize");
        }
        if (works(List.of("kustomize", "version"))) {
            return List.of("kustomize", "build");
        }
        throw new AssertionError("Neither kubectl nor kustomize is installed, so k8s/ cannot be rendered. Install kubectl 1.27+"
                + " (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/: the apt repository pkgs.k8s.io, or the single"
                + " binary from dl.k8s.io into /usr/local/bin; Debian 12's kubernetes-client, 1.20, is too old) or kustomize 5"
                + " (https://kubectl.docs.kubernetes.io/installation/kustomize/).");
    }

    private static boolean works(List<String> command) {
        try {
            return run(command).exitCode() == 0;
        } catch (UncheckedIOException notInstalled) {
            return false;
        }
    }

    private static Commands.Result run(List<String> command) {
        try {
            return Commands.tryRun(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
