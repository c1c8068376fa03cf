package io.seckill.flashsale.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * One reconciliation run. Per activity: {@code drift = stock - (redisRemaining + backlog + liveUnits)}
 * — units neither on sale in Redis, nor waiting in the request stream, nor held by a live order (pending,
 * created or paid). Zero when nothing leaked; positive: units lost to sale; negative: units that could
 * be sold twice. Only a quiescent activity (nothing in flight) is repaired, from the ledger of record.
 */
public record ReconciliationReport(long fencingToken, Instant ranAt, boolean repairMode, List<ActivityDrift> activities) {

    public record ActivityDrift(String activityId, int stock, long redisRemaining, long backlog, long pendingUnits,
            long createdUnits, long paidUnits, int ledgerAvailable, int ledgerFrozen, int ledgerReserved, int ledgerSold,
            long drift, boolean quiescent, boolean redisMatchesLedger, String repair) {
    }
}
