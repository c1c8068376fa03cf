package io.seckill.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.inventory.InventoryStack;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** MyBatis-Plus writes and reads against the real ledger schema, and the schema's own guards. */
class StockLedgerPersistenceIT extends InventoryStack {

    @Autowired
    StockLedgerMapper ledgers;

    @Test
    void writesReadsAndFreezesOnlyWhatIsAvailable() {
        long activityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ledgers.insert(StockLedger.opened(activityId, 3));

        assertThat(ledgers.freeze(activityId, 2)).isEqualTo(1);
        assertThat(ledgers.freeze(activityId, 2)).as("only 1 unit left").isZero();

        StockLedger read = ledgers.selectById(activityId);
        assertThat(read.getAvailable()).isEqualTo(1);
        assertThat(read.getFrozen()).isEqualTo(2);
        assertThat(read.getTotal()).isEqualTo(3);
        ledgers.deleteById(activityId);
    }

    @Test
    void theDatabaseRefusesALedgerThatDoesNotAddUp() {
        StockLedger broken = StockLedger.opened(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 5);
        broken.setSold(1);

        assertThatThrownBy(() -> ledgers.insert(broken)).isInstanceOf(DataIntegrityViolationException.class);
    }
}
