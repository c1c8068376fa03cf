package io.seckill.inventory.ledger;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface StockLedgerMapper extends BaseMapper<StockLedger> {

    /** Opens the ledger with every unit available; a second call for the same activity inserts nothing. */
    @Insert("INSERT IGNORE INTO stock_ledger (activity_id, total, available) VALUES (#{activityId}, #{total}, #{total})")
    int openIfAbsent(@Param("activityId") long activityId, @Param("total") int total);

    /** Moves units from available to frozen only if that many are available; 0 rows means refused. */
    @Update("UPDATE stock_ledger SET available = available - #{quantity}, frozen = frozen + #{quantity}"
            + " WHERE activity_id = #{activityId} AND available >= #{quantity}")
    int freeze(@Param("activityId") long activityId, @Param("quantity") int quantity);
}
