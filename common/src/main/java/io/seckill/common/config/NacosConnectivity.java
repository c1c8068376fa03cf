package io.seckill.common.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * Under the {@code nacos} profile: what an operator needs to know while Nacos cannot be reached, in one line instead
 * of the Nacos client's stack trace per failed reconnect (silenced in application-nacos.yaml). A WARN when the
 * service finds Nacos unreachable, then one per {@code seckill.nacos.unreachable-warning-interval} while it stays so,
 * saying what the service runs on meanwhile and that its registration is retried (the Nacos client keeps the
 * instance and registers it once connected); an INFO when Nacos answers again.
 */
public class NacosConnectivity implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NacosConnectivity.class);
    private static final long CHECK_SECONDS = 5;

    private final NacosServiceManager nacos;
    private final NacosDiscoveryProperties discovery;
    private final OperatorSettingsHealthIndicator settings;
    private final Duration warningInterval;
    private volatile ScheduledExecutorService checks;
    private boolean unreachable;
    private long lastWarning;

    public NacosConnectivity(NacosServiceManager nacos, NacosDiscoveryProperties discovery, OperatorSettingsHealthIndicator settings,
            Duration warningInterval) {
        this.nacos = nacos;
        this.discovery = discovery;
        this.settings = settings;
        this.warningInterval = warningInterval;
    }

    void check() {
        boolean reachable;
        try {
            reachable = "UP".equals(nacos.getNamingService().getServerStatus());
        } catch (RuntimeException e) {
            reachable = false;
        }
        long now = System.nanoTime();
        if (!reachable && (!unreachable || now - lastWarning >= warningInterval.toNanos())) {
            lastWarning = now;
            Health held = settings.health();
            String runsOn = Status.UP.equals(held.getStatus())
                    ? "runs on the operator settings it holds (" + held.getDetails().get("source") + ")"
                    : "runs on its packaged defaults and is not ready";
            log.warn("Nacos at {} cannot be reached: {} {}; registration is retried until Nacos answers (said again in {})",
                    discovery.getServerAddr(), discovery.getService(), runsOn, warningInterval);
        } else if (reachable && unreachable) {
            log.info("Nacos at {} answers again: {} registers with it and receives its settings", discovery.getServerAddr(),
                    discovery.getService());
        }
        unreachable = !reachable;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "nacos-connectivity");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        checks = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = checks;
        checks = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return checks != null;
    }
}
