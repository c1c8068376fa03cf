package io.seckill.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16, "a token signed with the packaged default secret is accepted by a stack started the documented
 * way": the real jar, started without the {@code local} profile and without secrets of its own, refuses to
 * start and says why (PackagedSecretsTest checks the rule; this checks the process an operator runs).
 */
@RequiresStack({StackServer.MYSQL, StackServer.SEATA})
class PackagedSecretsIT {

    @Test
    void theJarRefusesToStartWithThePackagedSecretOutsideTheLocalProfile() {
        ServiceProcess.Exited refused = ServiceProcess.runUntilExit("inventory-service", List.of(), Map.of(),
                Duration.ofSeconds(120));

        assertThat(refused.code()).as(refused.log()).isNotZero();
        assertThat(refused.log()).contains("is the development secret packaged in the source")
                .contains("--spring.profiles.active=local");
    }
}
