package io.seckill.common.config;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Readiness: UP once the service holds its operator settings, the {@code <service>.yaml} of {@code config/} (read
 * from the file locally and in k8s, from the Nacos data id of that name under the {@code nacos} profile, or from
 * the Nacos client's local snapshot of it). A service started while Nacos is down and with no snapshot runs on its
 * packaged defaults, which are not an operator's (the gateway would know no accounts): it reports
 * OUT_OF_SERVICE and gets no traffic until Nacos answers and the settings arrive.
 */
public class OperatorSettingsHealthIndicator implements HealthIndicator {

    private final ConfigurableEnvironment environment;
    private final String name;

    public OperatorSettingsHealthIndicator(ConfigurableEnvironment environment, String applicationName) {
        this.environment = environment;
        this.name = applicationName + ".yaml";
    }

    @Override
    public Health health() {
        for (PropertySource<?> source : environment.getPropertySources()) {
            // A refresh replaces the sources, so this sees what arrived since start-up (a Nacos push included).
            if (source.getName().contains(name) && source instanceof EnumerablePropertySource<?> enumerable
                    && enumerable.getPropertyNames().length > 0) {
                return Health.up().withDetail("source", source.getName()).build();
            }
        }
        return Health.outOfService().withDetail("missing", name
                + ": neither its file nor Nacos (or a snapshot of it) has been read; running on packaged defaults").build();
    }
}
