package io.seckill.flashsale.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.flashsale.SeckillServiceApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Editing the operators' file changes a running service: the real config/seckill-service.yaml is
 * copied to a scratch dir, the whole service starts on it, the file is edited, and the documented
 * buy switch follows without a restart.
 */
@RequiresStack({StackServer.MYSQL, StackServer.REDIS, StackServer.KAFKA})
class LiveConfigurationIT {

    private static final String CONFIG_DIR = "SECKILL_CONFIG_DIR";

    @TempDir
    Path configDir;

    @Test
    void editingTheBuySwitchInTheConfigFileTakesEffectWithoutRestart() throws IOException {
        Path file = configDir.resolve("seckill-service.yaml");
        Files.copy(Path.of(System.getProperty("seckill.repo.dir", "..")).resolve("config/seckill-service.yaml"), file);

        // A system property, not a --arg: Spring Cloud's refresh re-resolves the import with command-line
        // args ranked below system properties, so an --arg would be ignored at refresh time.
        String previous = System.setProperty(CONFIG_DIR, configDir.toString());
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(SeckillServiceApplication.class)
                .run("--server.port=0", "--seckill.config.watch-interval=200ms")) {
            PurchaseSettings buying = service.getBean(PurchaseSettings.class);
            assertThat(buying.isEnabled()).isTrue();

            String edited = Files.readString(file).replace("enabled: true", "enabled: false");
            assertThat(edited).as("the documented key is in the shipped file").contains("enabled: false");
            Files.writeString(file, edited);

            await().atMost(Duration.ofSeconds(15)).until(() -> !service.getBean(PurchaseSettings.class).isEnabled());
            assertThat(service.getBean(PurchaseSettings.class)).as("same bean, rebound in place").isSameAs(buying);
        } finally {
            if (previous == null) {
                System.clearProperty(CONFIG_DIR);
            } else {
                System.setProperty(CONFIG_DIR, previous);
            }
        }
    }
}
