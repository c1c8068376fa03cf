package io.seckill.id.snowflake;

import java.time.Instant;

/**
 * The bit layout of a platform id:
 *
 * <pre>
 *  63 62                                      22 21         12 11          0
 * +--+------------------------------------------+-------------+-------------+
 * |0 |  milliseconds since 2026-01-01T00:00:00Z |  worker id  |  sequence   |
 * +--+------------------------------------------+-------------+-------------+
 *  1            41 bits (69.7 years)              10 bits       12 bits
 *                                                 (0..1023)     (0..4095 per ms)
 * </pre>
 *
 * The sign bit stays 0 so ids are positive longs; 41 bits of milliseconds last until 2095-09-06, and
 * one worker can issue at most 4,096 ids per millisecond (4.096 million per second).
 */
public final class SnowflakeLayout {

    /** 2026-01-01T00:00:00Z: the custom epoch, recent so the 41-bit time field lasts until 2095. */
    public static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int TIME_BITS = 41;

    public static final int MAX_WORKER_ID = (1 << WORKER_BITS) - 1;
    public static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    public static final long MAX_TIMESTAMP = (1L << TIME_BITS) - 1;

    private static final int WORKER_SHIFT = SEQUENCE_BITS;
    private static final int TIME_SHIFT = SEQUENCE_BITS + WORKER_BITS;

    private SnowflakeLayout() {
    }

    /** Milliseconds since the epoch for a wall-clock instant in Unix milliseconds. */
    public static long timestampOf(long unixMillis) {
        return unixMillis - EPOCH_MILLIS;
    }

    public static long compose(long timestamp, int workerId, int sequence) {
        if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp outside the 41-bit field: " + timestamp);
        }
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("worker id outside 0.." + MAX_WORKER_ID + ": " + workerId);
        }
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence outside 0.." + MAX_SEQUENCE + ": " + sequence);
        }
        return (timestamp << TIME_SHIFT) | ((long) workerId << WORKER_SHIFT) | sequence;
    }

    public static DecodedId decode(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("not a platform id (negative): " + id);
        }
        long timestamp = id >>> TIME_SHIFT;
        int workerId = (int) ((id >>> WORKER_SHIFT) & MAX_WORKER_ID);
        int sequence = (int) (id & MAX_SEQUENCE);
        return new DecodedId(id, Instant.ofEpochMilli(EPOCH_MILLIS + timestamp), workerId, sequence);
    }

    /** An id taken apart: when it was issued, by which worker, and its place within that millisecond. */
    public record DecodedId(long id, Instant time, int workerId, int sequence) {
    }
}
