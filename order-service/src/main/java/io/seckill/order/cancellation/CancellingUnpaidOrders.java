package io.seckill.order.cancellation;

import io.seckill.order.operations.GlobalTransactions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.statelang.domain.ExecutionStatus;
import org.apache.seata.saga.statelang.domain.StateMachineInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Every instance scans for orders unpaid past the payment timeout and cancels them a group at a time, each
 * group one cancellation saga (up to {@code cancellation-group} orders, oldest first), one after another
 * until none is due: a timed-out sale of 10,000 orders is twenty sagas, not 10,000. Instances never take the
 * same order (row locks in the saga's first step). Sagas a crash left unfinished are resumed forward.
 */
@Service
public class CancellingUnpaidOrders {

    static final String SAGA = "cancelUnpaidOrders";
    /** A saga with no step recorded for this long is presumed abandoned by a dead instance. */
    private static final int STUCK_SECONDS = SagaConfiguration.SERVICE_INVOKE_TIMEOUT_MILLIS / 1000 + 5;
    private static final Logger log = LoggerFactory.getLogger(CancellingUnpaidOrders.class);

    private final StateMachineEngine sagas;
    private final PaymentTimeout timeout;
    private final JdbcTemplate jdbc;
    private final Counter cancelled;
    private final Counter sagaCommitted;
    private final Counter sagaCompensated;
    private final Counter sagaUnfinished;

    CancellingUnpaidOrders(StateMachineEngine sagas, PaymentTimeout timeout, JdbcTemplate jdbc, MeterRegistry meters) {
        this.sagas = sagas;
        this.timeout = timeout;
        this.jdbc = jdbc;
        this.cancelled = Counter.builder("orders.timeouts").tag("outcome", "cancelled").register(meters);
        this.sagaCommitted = GlobalTransactions.counter(meters, "cancellation", "committed");
        this.sagaCompensated = GlobalTransactions.counter(meters, "cancellation", "compensated");
        this.sagaUnfinished = GlobalTransactions.counter(meters, "cancellation", "unfinished");
    }

    @Scheduled(fixedDelayString = "${seckill.settlement.timeout-scan:1s}")
    public void cancelWhatTimedOut() {
        cancelDue(null, timeout.getPaymentTimeout());
        resumeUnfinished();
    }

    /**
     * Cancels every order unpaid for longer than {@code after} (of one sale, or of all when
     * {@code activityId} is null), group after group; returns how many it cancelled.
     */
    public int cancelDue(Long activityId, Duration after) {
        int total = 0;
        int group = timeout.getCancellationGroup();
        for (int cancelledNow = group; cancelledNow == group; ) {
            cancelledNow = run(activityId, null, after, group);
            total += Math.max(0, cancelledNow);
        }
        return total;
    }

    /** Cancels one order if it is still unpaid, whatever its age (an operator's or a test's request). */
    public void cancel(long orderId) {
        run(null, orderId, Duration.ZERO, 1);
    }

    /** One saga over one group; returns how many orders it cancelled, or -1 if it did not finish (resumed later). */
    private int run(Long activityId, Long orderId, Duration after, int group) {
        String key = "c-" + UUID.randomUUID();
        // A mutable map: the engine keeps its context (step outputs) in the start parameters.
        Map<String, Object> start = new HashMap<>();
        start.put("key", key);
        start.put("cutoffMillis", after.toMillis());
        start.put("activityId", activityId);
        start.put("orderId", orderId);
        start.put("limit", group);
        try {
            StateMachineInstance saga = sagas.startWithBusinessKey(SAGA, null, key, start);
            if (saga.getStatus() == ExecutionStatus.SU) {
                sagaCommitted.increment();
                int count = ((Number) saga.getContext().getOrDefault("cancelled", 0)).intValue();
                cancelled.increment(count);
                return count;
            }
            if (saga.getCompensationStatus() == ExecutionStatus.SU) {
                sagaCompensated.increment();
            } else {
                sagaUnfinished.increment(); // left to the scanner, which resumes it forward
            }
            return -1;
        } catch (RuntimeException e) {
            log.warn("Cancellation saga {} did not finish: {}", key, e.toString());
            return -1;
        }
    }

    /**
     * Sagas left unknown (a step failed past its retries) or still marked running long after their last
     * recorded step, which means the instance running them died: Seata refuses to forward a "running"
     * saga or past a "running" step, so both are released first (taken over, like XAUTOCLAIM for streams)
     * and the interrupted step runs again. A saga genuinely still running that long would just run its
     * idempotent steps twice.
     */
    void resumeUnfinished() {
        List<String> stuck = jdbc.queryForList("SELECT i.id FROM seata_state_machine_inst i JOIN seata_state_machine_def d"
                + " ON d.id = i.machine_id WHERE d.name = ? AND i.status IN ('UN', 'RU')"
                + " AND i.gmt_updated < DATE_SUB(NOW(3), INTERVAL " + STUCK_SECONDS + " SECOND) LIMIT 50", String.class, SAGA);
        for (String id : stuck) {
            try {
                jdbc.update("UPDATE seata_state_machine_inst SET is_running = 0 WHERE id = ? AND is_running = 1"
                        + " AND gmt_updated < DATE_SUB(NOW(3), INTERVAL " + STUCK_SECONDS + " SECOND)", id);
                // A step that died with its instance stays "running"; as unknown, forward runs it again.
                jdbc.update("UPDATE seata_state_inst SET status = 'UN' WHERE machine_inst_id = ? AND status = 'RU'", id);
                sagas.forward(id, null);
                log.info("Resumed cancellation saga {} left unfinished", id);
            } catch (RuntimeException e) {
                log.warn("Resuming cancellation saga {} failed; retried next scan: {}", id, e.toString());
            }
        }
    }
}
