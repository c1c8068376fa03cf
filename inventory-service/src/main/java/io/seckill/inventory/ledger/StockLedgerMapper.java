package io.seckill.inventory.ledger;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface StockLedgerMapper extends BaseMapper<StockLedger> {

    /** Opens the ledger with every unit available and the sale's terms; a second call for the same activity inserts nothing. */
    @Insert("INSERT IGNORE INTO stock_ledger (activity_id, total, available, per_user_limit, start_at, end_at)"
            + " VALUES (#{activityId}, #{terms.total}, #{terms.total}, #{terms.perUserLimit}, #{terms.startAt}, #{terms.endAt})")
    int openIfAbsent(@Param("activityId") long activityId, @Param("terms") SaleTerms terms);

    /** An operator ended the sale early: its window closes at {@code endedAt}, never later than scheduled. */
    @Update("UPDATE stock_ledger SET end_at = #{endedAt} WHERE activity_id = #{activityId} AND end_at > #{endedAt}")
    int endAt(@Param("activityId") long activityId, @Param("endedAt") java.time.Instant endedAt);

    /** Moves units from available to frozen only if that many are available; 0 rows means refused. */
    @Update("UPDATE stock_ledger SET available = available - #{quantity}, frozen = frozen + #{quantity}"
            + " WHERE activity_id = #{activityId} AND available >= #{quantity}")
    int freeze(@Param("activityId") long activityId, @Param("quantity") int quantity);

    @Select("SELECT available FROM stock_ledger WHERE activity_id = #{activityId}")
    int available(@Param("activityId") long activityId);

    /** TCC Confirm: frozen units become reserved for a placed, unpaid order. */
    @Update("UPDATE stock_ledger SET frozen = frozen - #{quantity}, reserved = reserved + #{quantity}"
            + " WHERE activity_id = #{activityId} AND frozen >= #{quantity}")
    int reserveFrozen(@Param("activityId") long activityId, @Param("quantity") int quantity);

    /** TCC Cancel: frozen units go back on sale. */
    @Update("UPDATE stock_ledger SET frozen = frozen - #{quantity}, available = available + #{quantity}"
            + " WHERE activity_id = #{activityId} AND frozen >= #{quantity}")
    int unfreeze(@Param("activityId") long activityId, @Param("quantity") int quantity);

    /** Payment: a reserved unit is sold. */
    @Update("UPDATE stock_ledger SET reserved = reserved - #{quantity}, sold = sold + #{quantity}"
            + " WHERE activity_id = #{activityId} AND reserved >= #{quantity}")
    int sellReserved(@Param("activityId") long activityId, @Param("quantity") int quantity);

    /** Compensation of a release: available units are reserved again. */
    @Update("UPDATE stock_ledger SET available = available - #{quantity}, reserved = reserved + #{quantity}"
            + " WHERE activity_id = #{activityId} AND available >= #{quantity}")
    int reserveAvailable(@Param("activityId") long activityId, @Param("quantity") int quantity);

    /** Cancellation of a placed order: its reserved units go back on sale. */
    @Update("UPDATE stock_ledger SET reserved = reserved - #{quantity}, available = available + #{quantity}"
            + " WHERE activity_id = #{activityId} AND reserved >= #{quantity}")
    int releaseReserved(@Param("activityId") long activityId, @Param("quantity") int quantity);
}
