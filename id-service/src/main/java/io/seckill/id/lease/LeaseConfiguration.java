package io.seckill.id.lease;

import io.seckill.id.snowflake.SnowflakeGenerator;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeaseConfiguration {

    private static final Pattern TRAILING_ORDINAL = Pattern.compile("-(\\d+)$");

    @Bean
    WorkerLeaseKeeper workerLeaseKeeper(WorkerLeaseMapper leases, SnowflakeGenerator generator,
            LeaseProperties properties, Clock clock, MeterRegistry meters) {
        String host = hostName();
        // Unique per process: a restarted instance never mistakes its predecessor's lease for its own.
        String owner = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        return new WorkerLeaseKeeper(leases, generator, properties, clock, System::nanoTime, owner,
                requestedWorkerId(properties, host), meters);
    }

    @Bean
    LeaseHealthIndicator leaseHealthIndicator(WorkerLeaseKeeper keeper) {
        return new LeaseHealthIndicator(keeper);
    }

    static OptionalInt requestedWorkerId(LeaseProperties properties, String host) {
        if (properties.requestedWorkerId() != null) {
            return OptionalInt.of(properties.requestedWorkerId());
        }
        if (properties.ordinalFromHostname()) {
            Matcher ordinal = TRAILING_ORDINAL.matcher(host);
            if (!ordinal.find()) {
                throw new IllegalStateException("ids.lease.ordinal-from-hostname is on but host name '" + host
                        + "' does not end in -<ordinal> (expected a StatefulSet pod name)");
            }
            return OptionalInt.of(Integer.parseInt(ordinal.group(1)));
        }
        return OptionalInt.empty();
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
