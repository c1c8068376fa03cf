package io.seckill.id.snowflake;

/**
 * What the lease currently allows the generator: issue ids as {@code workerId}, with timestamps
 * below {@code reservedUntil} (persisted in the lease row before it was granted), until the monotonic
 * instant {@code validUntilNanos} (before the database could hand the worker id to anyone else).
 *
 * @param floor the highest time reserved by any worker id when this one was claimed: every id issued
 *              before, under any worker id, has a smaller timestamp, so this holder starts at or above it
 */
public record WorkerGrant(int workerId, long floor, long reservedUntil, long validUntilNanos) {

    public WorkerGrant extended(long newReservedUntil, long newValidUntilNanos) {
        return new WorkerGrant(workerId, floor, Math.max(reservedUntil, newReservedUntil), newValidUntilNanos);
    }
}
