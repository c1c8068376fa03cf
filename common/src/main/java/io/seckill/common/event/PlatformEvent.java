package io.seckill.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on a platform Kafka topic carries, whatever its payload: consumers deduplicate on
 * {@link #eventId()}, dispatch on {@link #type()}, and refuse a {@link #version()} they do not know.
 * Events are JSON records; a field is only ever added, never renamed, without bumping the version.
 */
public interface PlatformEvent {

    UUID eventId();

    String type();

    Instant occurredAt();

    int version();
}
