package io.seckill.id.lease;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness follows the lease: an instance without a worker id issues no ids, so it takes no traffic. */
public class LeaseHealthIndicator implements HealthIndicator {

    private final WorkerLeaseKeeper keeper;

    public LeaseHealthIndicator(WorkerLeaseKeeper keeper) {
        this.keeper = keeper;
    }

    @Override
    public Health health() {
        return keeper.workerId().isPresent()
                ? Health.up().withDetail("workerId", keeper.workerId().getAsInt()).withDetail("owner", keeper.owner()).build()
                : Health.outOfService().withDetail("owner", keeper.owner()).withDetail("reason", "no worker-id lease held").build();
    }
}
