package io.seckill.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.SmartLifecycle;

/**
 * Locally there is no Nacos server to push changes, so this plays its part: it watches the service's
 * {@code config/<service>.yaml} (imported by {@code spring.config.import}) and, when its content
 * changes, runs the same Spring Cloud refresh a Nacos push would — rebinding
 * {@code @ConfigurationProperties} and {@code @RefreshScope} beans without a restart. Polling the
 * content (not inotify) keeps it correct for editors that replace the file and for bind mounts.
 */
public class ConfigFileRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigFileRefresher.class);

    private final Path file;
    private final Duration interval;
    private final ContextRefresher refresher;
    private volatile byte[] lastContent;
    private ScheduledExecutorService executor;

    public ConfigFileRefresher(Path file, Duration interval, ContextRefresher refresher) {
        this.file = file.toAbsolutePath().normalize();
        this.interval = interval;
        this.refresher = refresher;
    }

    @Override
    public synchronized void start() {
        lastContent = read();
        log.info(lastContent == null
                ? "No config file at {}; running on packaged defaults (it is read if it appears)"
                : "Config file {} loaded; watching it for changes", file);
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "config-file-refresher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Refreshes the context if the file's content differs from what was last applied. */
    void checkOnce() {
        byte[] content = read();
        if (Arrays.equals(content, lastContent)) {
            return;
        }
        try {
            Set<String> keys = refresher.refresh();
            lastContent = content;
            log.info("Config file {} changed; refreshed keys {}", file, keys);
        } catch (RuntimeException e) {
            // A half-written or invalid file must not stop the watcher; the old values stay in force.
            log.warn("Config file {} changed but could not be applied; keeping previous values: {}", file,
                    e.getMessage());
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            log.warn("Cannot read config file {}: {}", file, e.getMessage());
            return lastContent;
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    public Path file() {
        return file;
    }
}
