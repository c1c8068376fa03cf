package io.seckill.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** KustomizeIT's checks mean something only if a mistyped field fails the parse instead of vanishing. */
class StrictManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: gateway
            spec:
              replicas: 2
              selector:
                matchLabels: {app: gateway}
              template:
                metadata:
                  labels: {app: gateway}
                spec:
                  containers:
                    - name: gateway
                      image: seckill/gateway:0.1.0
                      readinessProbe:
                        httpGet: {path: /actuator/health/readiness, port: 8080}
            """;

    @Test
    void aValidStreamParsesIntoTheModel() {
        List<HasMetadata> objects = StrictManifests.parse(DEPLOYMENT + "---\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: servers}\ndata: {REDIS_HOST: redis}\n");

        assertThat(objects).hasSize(2);
        Deployment deployment = (Deployment) objects.get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet()
                .getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(((ConfigMap) objects.get(1)).getData()).containsEntry("REDIS_HOST", "redis");
    }

    @Test
    void aMisspelledFieldIsRejected() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("replicas: 2", "replica: 2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment gateway: unknown field spec.replica");
    }

    @Test
    void aMisspelledFieldDeepInThePodTemplateIsRejected() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("readinessProbe:", "readinesProbe:")))
                .hasMessageContaining("unknown field spec.template.spec.containers[0].readinesProbe");
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("{path:", "{paht:")))
                .hasMessageContaining("unknown field spec.template.spec.containers[0].readinessProbe.httpGet.paht");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("replicas: 2", "replicas: two")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas");
    }

    @Test
    void aKindTheApiDoesNotKnowIsRejected() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("apps/v1 Deploymnet gateway: not a kind the Kubernetes API knows");
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.replace("apps/v1", "apps/v2")))
                .hasMessageContaining("apps/v2 Deployment gateway: not a kind the Kubernetes API knows");
    }

    @Test
    void everyProblemOfTheStreamIsReportedAtOnce() {
        String twoMistakes = DEPLOYMENT.replace("replicas: 2", "replica: 2")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: servers}\nspec: {}\n";

        assertThatThrownBy(() -> StrictManifests.parse(twoMistakes))
                .hasMessageContaining("Deployment gateway: unknown field spec.replica")
                .hasMessageContaining("ConfigMap servers: unknown field spec");
    }
}
