package io.seckill.order.cancellation;

import io.seckill.order.monitoring.GlobalTransactions;
import io.seckill.order.placement.OrderMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.seata.saga.engine.StateMachineEngine;
import org.apache.seata.saga.statelang.domain.ExecutionStatus;
import org.apache.seata.saga.statelang.domain.StateMachineInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Every instance scans for orders unpaid past the payment timeout and starts the cancellation saga for
 * each, keyed by order id (Seata keeps one saga per business key, so two instances cannot both run it).
 * Sagas a crash left unfinished are resumed forward.
 */
@Service
public class CancellingUnpaidOrders {

    static final String SAGA = "cancelUnpaidOrder";
    /** A saga with no step recorded for this long is presumed abandoned by a dead instance. */
    private static final int STUCK_SECONDS = SagaConfiguration.SERVICE_INVOKE_TIMEOUT_MILLIS / 1000 + 5;
    private static final Logger log = LoggerFactory.getLogger(CancellingUnpaidOrders.class);

    private final OrderMapper orders;
    private final StateMachineEngine sagas;
    private final PaymentTimeout timeout;
    private final JdbcTemplate jdbc;
    private final Counter cancelled;
    private final Counter paymentWon;
    private final Counter sagaCommitted;
    private final Counter sagaCompensated;
    private final Counter sagaUnfinished;

    CancellingUnpaidOrders(OrderMapper orders, StateMachineEngine sagas, PaymentTimeout timeout, JdbcTemplate jdbc,
            MeterRegistry meters) {
        this.orders = orders;
        this.sagas = sagas;
        this.timeout = timeout;
        this.jdbc = jdbc;
        this.cancelled = Counter.builder("orders.timeouts").tag("outcome", "cancelled").register(meters);
        this.paymentWon = Counter.builder("orders.timeouts").tag("outcome", "paid-first").register(meters);
        this.sagaCommitted = GlobalTransactions.counter(meters, "cancellation", "committed");
        this.sagaCompensated = GlobalTransactions.counter(meters, "cancellation", "compensated");
        this.sagaUnfinished = GlobalTransactions.counter(meters, "cancellation", "unfinished");
    }

    @Scheduled(fixedDelayString = "${seckill.settlement.timeout-scan:5s}")
    public void cancelWhatTimedOut() {
        List<Long> unpaid = orders.unpaidSince(timeout.getPaymentTimeout().toMillis(), 200);
        for (long orderId : unpaid) {
            cancel(orderId);
        }
        resumeUnfinished();
    }

    public void cancel(long orderId) {
        try {
            // A mutable map: the engine keeps its context (step outputs) in the start parameters.
            Map<String, Object> start = new HashMap<>();
            start.put("orderId", orderId);
            StateMachineInstance saga = sagas.startWithBusinessKey(SAGA, null, Long.toString(orderId), start);
            countOutcome(saga);
            if (saga.getStatus() == ExecutionStatus.SU && Boolean.TRUE.equals(saga.getContext().get("cancelled"))) {
                cancelled.increment();
            } else if (saga.getStatus() == ExecutionStatus.SU) {
                paymentWon.increment();
            }
        } catch (RuntimeException e) {
            if (hasCause(e, DuplicateKeyException.class) || String.valueOf(e.getMessage()).contains("Duplicate")) {
                return; // another scan (or instance) runs this order's saga already
            }
            log.warn("Cancellation saga of order {} did not finish: {}", orderId, e.toString());
        }
    }

    private void countOutcome(StateMachineInstance saga) {
        if (saga.getStatus() == ExecutionStatus.SU) {
            sagaCommitted.increment();
        } else if (saga.getCompensationStatus() == ExecutionStatus.SU) {
            sagaCompensated.increment();
        } else {
            sagaUnfinished.increment(); // left to the scanner, which resumes it forward
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
        List<String> stuck = jdbc.queryForList("SELECT id FROM seata_state_machine_inst WHERE status IN ('UN', 'RU')"
                + " AND gmt_updated < DATE_SUB(NOW(3), INTERVAL " + STUCK_SECONDS + " SECOND) LIMIT 50", String.class);
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

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
