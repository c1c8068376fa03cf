package io.seckill.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.order.OrderStack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.apache.seata.tm.api.transaction.TransactionHookAdapter;
import org.apache.seata.tm.api.transaction.TransactionHookManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * order-service as Seata transaction manager: a {@code @GlobalTransactional} method begins a global
 * transaction at the TC, and the TC's answer decides the outcome the hooks observe — commit when
 * the method returns, rollback when it throws.
 */
// Transactions is registered by class through OrderStack's @Import: Seata proxies only such beans.
public class SeataGlobalTransactionIT extends OrderStack {

    @Autowired
    Transactions transactions;

    @Test
    void aReturningMethodCommitsItsGlobalTransaction() {
        List<String> outcome = new CopyOnWriteArrayList<>();

        String xid = transactions.succeed(outcome);

        assertThat(xid).as("an XID issued by the TC").isNotBlank();
        assertThat(outcome).containsExactly("afterCommit");
        assertThat(RootContext.getXID()).as("unbound after completion").isNull();
    }

    @Test
    void aThrowingMethodRollsItsGlobalTransactionBack() {
        List<String> outcome = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> transactions.fail(outcome)).hasMessageContaining("roll back");

        assertThat(outcome).containsExactly("afterRollback");
    }

    public static class Transactions {

        @GlobalTransactional(name = "it-commit", timeoutMills = 30_000)
        public String succeed(List<String> outcome) {
            TransactionHookManager.registerHook(recordingInto(outcome));
            return RootContext.getXID();
        }

        @GlobalTransactional(name = "it-rollback", timeoutMills = 30_000)
        public void fail(List<String> outcome) {
            TransactionHookManager.registerHook(recordingInto(outcome));
            throw new IllegalStateException("business failure: roll back");
        }

        private static TransactionHookAdapter recordingInto(List<String> outcome) {
            return new TransactionHookAdapter() {
                @Override
                public void afterCommit() {
                    outcome.add("afterCommit");
                }

                @Override
                public void afterRollback() {
                    outcome.add("afterRollback");
                }
            };
        }
    }
}
