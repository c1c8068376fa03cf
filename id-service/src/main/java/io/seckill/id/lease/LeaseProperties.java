package io.seckill.id.lease;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How id-service holds its Snowflake worker id ({@code ids.lease.*}). Read at start-up.
 *
 * @param ttl                  lease length, judged by the database clock; a killed instance's worker id
 *                             is taken over after this
 * @param renewInterval        how often the lease is renewed and the time reservation extended
 * @param safetyMargin         the instance stops issuing this long before the lease could expire in the
 *                             database, for clock-rate drift between the two
 * @param reservation          how far ahead of now each renewal persists the time reservation; ids never
 *                             carry a later timestamp, so a restart starts above everything issued
 * @param requestedWorkerId    claim this worker id (still through the lease) instead of any free one
 * @param ordinalFromHostname  Kubernetes StatefulSet mode: request the worker id given by the trailing
 *                             number of the host name ({@code id-service-2} asks for 2)
 */
@ConfigurationProperties("ids.lease")
public record LeaseProperties(Duration ttl, Duration renewInterval, Duration safetyMargin, Duration reservation,
        Integer requestedWorkerId, boolean ordinalFromHostname) {

    public LeaseProperties {
        ttl = ttl == null ? Duration.ofSeconds(10) : ttl;
        renewInterval = renewInterval == null ? Duration.ofSeconds(1) : renewInterval;
        safetyMargin = safetyMargin == null ? Duration.ofSeconds(1) : safetyMargin;
        reservation = reservation == null ? Duration.ofSeconds(3) : reservation;
        if (renewInterval.multipliedBy(2).compareTo(ttl.minus(safetyMargin)) > 0) {
            throw new IllegalArgumentException("ids.lease.renew-interval must allow two renewals within ttl - safety-margin");
        }
        if (reservation.compareTo(renewInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ids.lease.reservation must cover at least two renew intervals");
        }
    }
}
