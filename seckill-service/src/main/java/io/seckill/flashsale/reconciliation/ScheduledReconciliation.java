package io.seckill.flashsale.reconciliation;

import io.seckill.common.error.ProblemException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Report-only runs on a schedule keep the drift metric current; repairs are an operator's decision. */
@Component
class ScheduledReconciliation {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReconciliation.class);

    private final Reconciling reconciling;

    ScheduledReconciliation(Reconciling reconciling) {
        this.reconciling = reconciling;
    }

    @Scheduled(fixedDelayString = "${seckill.reconciliation.interval:60s}", initialDelayString = "${seckill.reconciliation.interval:60s}")
    void report() {
        try {
            reconciling.run(false);
        } catch (ProblemException e) {
            log.info("Scheduled reconciliation skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Scheduled reconciliation failed: {}", e.toString());
        }
    }
}
