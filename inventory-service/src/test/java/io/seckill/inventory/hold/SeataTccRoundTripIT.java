package io.seckill.inventory.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.inventory.InventoryStack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;
// Registered by class through InventoryStack's @Import: Seata proxies only beans whose definition names their class.
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real Seata global transaction through the TC on port 8091, with a TCC branch (fence on) in this
 * service: commit drives Try then Confirm, a failure after Try drives Cancel. The fence rows prove the
 * phases went through Seata's fence table, not around it.
 */
public class SeataTccRoundTripIT extends InventoryStack {

    @Autowired
    ProbeTransactions transactions;

    @Autowired
    ProbeAction probe;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCommittedGlobalTransactionConfirmsTheBranch() {
        String id = UUID.randomUUID().toString();

        String xid = transactions.tryAndCommit(id);

        await().atMost(Duration.ofSeconds(15)).until(() -> probe.phases(id).contains("confirm"));
        assertThat(probe.phases(id)).containsExactly("try", "confirm");
        assertThat(fenceStatus(xid)).as("committed in the fence log").isEqualTo(2);
    }

    @Test
    void aFailedGlobalTransactionCancelsTheBranch() {
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transactions.tryAndFail(id)).hasMessageContaining("after try");

        await().atMost(Duration.ofSeconds(15)).until(() -> probe.phases(id).contains("cancel"));
        assertThat(probe.phases(id)).containsExactly("try", "cancel");
        assertThat(fenceStatus(probe.xidOf(id))).as("rolled back in the fence log").isEqualTo(3);
    }

    private Integer fenceStatus(String xid) {
        return jdbc.queryForObject("SELECT status FROM tcc_fence_log WHERE xid = ?", Integer.class, xid);
    }

    @LocalTCC
    public interface ProbeAction {

        @TwoPhaseBusinessAction(name = "probeAction", commitMethod = "confirm", rollbackMethod = "cancel",
                useTCCFence = true)
        void prepare(@BusinessActionContextParameter(paramName = "probeId") String probeId);

        boolean confirm(BusinessActionContext context);

        boolean cancel(BusinessActionContext context);

        List<String> phases(String probeId);

        String xidOf(String probeId);
    }

    /** Records each phase it is driven through, by probe id. */
    public static class RecordingProbeAction implements ProbeAction {

        private final Map<String, List<String>> phases = new ConcurrentHashMap<>();
        private final Map<String, String> xids = new ConcurrentHashMap<>();

        @Override
        public void prepare(@BusinessActionContextParameter(paramName = "probeId") String probeId) {
            xids.put(probeId, org.apache.seata.core.context.RootContext.getXID());
            record(probeId, "try");
        }

        @Override
        public boolean confirm(BusinessActionContext context) {
            record((String) context.getActionContext("probeId"), "confirm");
            return true;
        }

        @Override
        public boolean cancel(BusinessActionContext context) {
            record((String) context.getActionContext("probeId"), "cancel");
            return true;
        }

        @Override
        public List<String> phases(String probeId) {
            return phases.getOrDefault(probeId, List.of());
        }

        @Override
        public String xidOf(String probeId) {
            return xids.get(probeId);
        }

        private void record(String probeId, String phase) {
            phases.computeIfAbsent(probeId, key -> new CopyOnWriteArrayList<>()).add(phase);
        }
    }

    public static class ProbeTransactions {

        private final ProbeAction probe;

        public ProbeTransactions(ProbeAction probe) {
            this.probe = probe;
        }

        @GlobalTransactional(name = "probe-commit", timeoutMills = 30_000)
        public String tryAndCommit(String probeId) {
            probe.prepare(probeId);
            return org.apache.seata.core.context.RootContext.getXID();
        }

        @GlobalTransactional(name = "probe-rollback", timeoutMills = 30_000)
        public void tryAndFail(String probeId) {
            probe.prepare(probeId);
            throw new IllegalStateException("failure after try: the TC must cancel the branch");
        }
    }
}
