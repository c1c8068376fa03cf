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

    /**
     * One FROZEN hold per order of a group, in one statement. A placement that was rolled back left its hold
     * CANCELLED: the order's next attempt (a new global transaction) takes that row over; a hold in any other
     * state is left as it is (another attempt holds it), which {@link #countInTransaction} then reveals.
     * MariaDB applies the assignments left to right: {@code state} last, so the others see the old one.
     */
    @Insert("<script>INSERT INTO stock_hold (order_id, activity_id, quantity, xid, state) VALUES"
            + "<foreach collection='holds' item='h' separator=','>(#{h.orderId}, #{activityId}, #{h.quantity}, #{xid}, 'FROZEN')</foreach>"
            + " ON DUPLICATE KEY UPDATE activity_id = IF(state = 'CANCELLED', VALUES(activity_id), activity_id),"
            + " quantity = IF(state = 'CANCELLED', VALUES(quantity), quantity),"
            + " xid = IF(state = 'CANCELLED', VALUES(xid), xid), state = IF(state = 'CANCELLED', 'FROZEN', state)</script>")
    int freezeAll(@Param("activityId") long activityId, @Param("holds") java.util.List<HoldingStock.Hold> holds,
            @Param("xid") String xid);

    @Select("SELECT COUNT(*) FROM stock_hold WHERE xid = #{xid} AND state = #{state}")
    int countInTransaction(@Param("xid") String xid, @Param("state") String state);

    /** Phase two of a group: every hold the global transaction froze moves at once. */
    @Update("UPDATE stock_hold SET state = #{to} WHERE xid = #{xid} AND state = #{from}")
    int moveTransaction(@Param("xid") String xid, @Param("from") String from, @Param("to") String to);

    /** The units of these orders held in {@code state}, per sale, locked until the transaction ends. */
    @Select("<script>SELECT activity_id, COUNT(*) AS orders, SUM(quantity) AS units FROM stock_hold WHERE state = #{state}"
            + " AND order_id IN <foreach collection='orderIds' item='id' open='(' separator=',' close=')'>#{id}</foreach>"
            + " GROUP BY activity_id FOR UPDATE</script>")
    java.util.List<Units> lockUnits(@Param("orderIds") java.util.Collection<Long> orderIds, @Param("state") String state);

    @Update("<script>UPDATE stock_hold SET state = #{to} WHERE state = #{from} AND order_id IN"
            + "<foreach collection='orderIds' item='id' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int moveOrders(@Param("orderIds") java.util.Collection<Long> orderIds, @Param("from") String from, @Param("to") String to);

    record Units(long activityId, int orders, int units) {
    }

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
