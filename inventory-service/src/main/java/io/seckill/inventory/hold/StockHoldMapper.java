package io.seckill.inventory.hold;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Every change is conditional on the state the caller expects (and, for phase two, on the XID that
 * froze the units): 0 rows means "not mine, or already done", never a second movement of stock.
 */
@Mapper
public interface StockHoldMapper {

    @Insert("INSERT IGNORE INTO stock_hold (order_id, activity_id, quantity, xid, state)"
            + " VALUES (#{orderId}, #{activityId}, #{quantity}, #{xid}, 'FROZEN')")
    int insertFrozen(@Param("orderId") long orderId, @Param("activityId") long activityId,
            @Param("quantity") int quantity, @Param("xid") String xid);

    /**
     * A placement that was rolled back leaves its hold CANCELLED; the order's next attempt (a new global
     * transaction) takes the same row over instead of being refused as a duplicate.
     */
    @Update("UPDATE stock_hold SET activity_id = #{activityId}, quantity = #{quantity}, xid = #{xid}, state = 'FROZEN'"
            + " WHERE order_id = #{orderId} AND state = 'CANCELLED'")
    int rearmCancelled(@Param("orderId") long orderId, @Param("activityId") long activityId,
            @Param("quantity") int quantity, @Param("xid") String xid);

    @Update("UPDATE stock_hold SET state = #{to} WHERE order_id = #{orderId} AND xid = #{xid} AND state = #{from}")
    int moveInTransaction(@Param("orderId") long orderId, @Param("xid") String xid, @Param("from") String from,
            @Param("to") String to);

    @Update("UPDATE stock_hold SET state = #{to} WHERE order_id = #{orderId} AND state = #{from}")
    int move(@Param("orderId") long orderId, @Param("from") String from, @Param("to") String to);

    @Select("SELECT order_id, activity_id, quantity, xid, state FROM stock_hold WHERE order_id = #{orderId}")
    StockHold find(@Param("orderId") long orderId);

    /** Units per activity in each state, for reconciliation. */
    @Select("SELECT COALESCE(SUM(quantity), 0) FROM stock_hold WHERE activity_id = #{activityId} AND state = #{state}")
    int units(@Param("activityId") long activityId, @Param("state") String state);

    record StockHold(long orderId, long activityId, int quantity, String xid, String state) {
    }
}
