package io.seckill.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What a service itself declares in its packaged {@code application.yaml} (and {@code application-nacos.yaml},
 * the profile it runs with in Kubernetes): the facts deployment files must agree with.
 *
 * @param port                 {@code server.port}
 * @param managementPort       {@code management.server.port}, else the server port (where Actuator answers)
 * @param actuatorPath         {@code management.endpoints.web.base-path}, else {@code /actuator}
 * @param healthProbesEnabled  {@code management.endpoint.health.probes.enabled}: the liveness/readiness groups exist
 * @param exposedEndpoints     {@code management.endpoints.web.exposure.include}
 * @param environmentVariables the {@code ${UPPER_CASE}} placeholders it reads, i.e. what its environment must set
 */
record ServiceDefaults(String service, int port, int managementPort, String actuatorPath, boolean healthProbesEnabled,
        Set<String> exposedEndpoints, Set<String> environmentVariables) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    static ServiceDefaults of(String service) {
        Path resources = RepoFiles.ROOT.resolve(service).resolve("src/main/resources");
        try {
            String defaults = Files.readString(resources.resolve("application.yaml"));
            String nacos = Files.readString(resources.resolve("application-nacos.yaml"));
            JsonNode yaml = YAML.readTree(defaults);

            int port = yaml.at("/server/port").asInt(8080);   // Spring Boot's default when unset
            JsonNode exposure = yaml.at("/management/endpoints/web/exposure/include");
            Set<String> exposed = exposure.isArray()
                    ? StreamSupport.stream(exposure.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet())
                    : Arrays.stream(exposure.asText("").split(",")).map(String::trim).collect(Collectors.toSet());
            Set<String> variables = new TreeSet<>();
            Matcher placeholder = ENVIRONMENT_PLACEHOLDER.matcher(defaults + "\n" + nacos);
            while (placeholder.find()) {
                variables.add(placeholder.group(1));
            }
            return new ServiceDefaults(service, port, yaml.at("/management/server/port").asInt(port),
                    yaml.at("/management/endpoints/web/base-path").asText("/actuator"),
                    yaml.at("/management/endpoint/health/probes/enabled").asBoolean(false), exposed, variables);
        } catch (IOException e) {
            throw new AssertionError("cannot read the packaged defaults of " + service + " in " + resources, e);
        }
    }

    String livenessPath() {
        return actuatorPath + "/health/liveness";
    }

    String readinessPath() {
        return actuatorPath + "/health/readiness";
    }

    String prometheusPath() {
        return actuatorPath + "/prometheus";
    }
}
