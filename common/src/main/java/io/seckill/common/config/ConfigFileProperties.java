package io.seckill.common.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service's operator-editable configuration lives locally.
 *
 * @param file          {@code seckill.config.file}: the YAML the service imports on top of its packaged
 *                      defaults, normally {@code ${SECKILL_CONFIG_DIR:config}/<service>.yaml}
 * @param watch         {@code seckill.config.watch}: refresh the context when that file changes
 *                      (off under the {@code nacos} profile, where Nacos pushes changes)
 * @param watchInterval {@code seckill.config.watch-interval}: how often the file is compared (500 ms: a change
 *                      reaches the instance within the runbook's 2 s, refresh included)
 */
@ConfigurationProperties("seckill.config")
public record ConfigFileProperties(Path file, Boolean watch, Duration watchInterval) {

    public ConfigFileProperties {
        watch = watch == null || watch;
        watchInterval = watchInterval == null ? Duration.ofMillis(500) : watchInterval;
    }
}
