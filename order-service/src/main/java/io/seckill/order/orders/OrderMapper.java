package io.seckill.order.orders;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Orders as stored. Every status change is conditional on the status the caller expects (and, in
 * placement, on the XID that recorded the orders; in cancellation, on the saga that cancelled them).
 */
@Mapper
public interface OrderMapper extends BaseMapper<Order> {

    /** The orders of a group that exist already, whatever their state: duplicates, or placements in flight. */
    @Select("<script>SELECT order_id, status FROM orders WHERE order_id IN"
            + "<foreach collection='orderIds' item='id' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<Known> statusOf(@Param("orderIds") Collection<Long> orderIds);

    record Known(long orderId, OrderStatus status) {
    }

    /** A group's orders as PENDING (the semantic lock) under its global transaction, in one statement. */
    @Insert("<script>INSERT IGNORE INTO orders (order_id, user_id, activity_id, quantity, unit_price, status, xid) VALUES"
            + "<foreach collection='orders' item='o' separator=','>(#{o.orderId}, #{o.userId}, #{o.activityId}, #{o.quantity},"
            + " #{o.unitPrice}, 'PENDING', #{xid})</foreach></script>")
    int insertPending(@Param("orders") Collection<Order> orders, @Param("xid") String xid);

    @Update("UPDATE orders SET status = 'CREATED' WHERE xid = #{xid} AND status = 'PENDING'")
    int confirmPending(@Param("xid") String xid);

    @Delete("DELETE FROM orders WHERE xid = #{xid} AND status = 'PENDING'")
    int discardPending(@Param("xid") String xid);

    @Insert("INSERT IGNORE INTO orders (order_id, user_id, activity_id, quantity, unit_price, status, reason)"
            + " VALUES (#{o.orderId}, #{o.userId}, #{o.activityId}, #{o.quantity}, #{o.unitPrice}, 'FAILED', #{reason})")
    int insertFailed(@Param("o") Order order, @Param("reason") String reason);

    @Update("UPDATE orders SET status = #{to} WHERE order_id = #{orderId} AND status = #{from}")
    int transition(@Param("orderId") long orderId, @Param("from") OrderStatus from, @Param("to") OrderStatus to);

    /**
     * Up to {@code limit} orders unpaid since before {@code cutoffMillis} ms ago, oldest first (of one sale or
     * order, when given), row-locked for the caller's transaction. Rows another instance's saga or a payment
     * holds are skipped, not waited for: concurrent scans take disjoint groups instead of deadlocking.
     */
    @Select("<script>SELECT order_id FROM orders WHERE status = 'CREATED'"
            + " AND created_at &lt;= DATE_SUB(NOW(3), INTERVAL #{cutoffMillis} * 1000 MICROSECOND)"
            + "<if test='activityId != null'> AND activity_id = #{activityId}</if>"
            + "<if test='orderId != null'> AND order_id = #{orderId}</if>"
            + " ORDER BY created_at LIMIT #{limit} FOR UPDATE SKIP LOCKED</script>")
    List<Long> lockDueUnpaid(@Param("cutoffMillis") long cutoffMillis, @Param("activityId") Long activityId,
            @Param("orderId") Long orderId, @Param("limit") int limit);

    /**
     * Cancels the given orders that are still unpaid and marks them with the saga's key. The conditional
     * update decides the race with payment (CREATED to PAID): each order is taken by exactly one of them.
     */
    @Update("<script>UPDATE orders SET status = 'CANCELLED', cancellation = #{key} WHERE status = 'CREATED' AND order_id IN"
            + "<foreach item='id' collection='orderIds' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int cancelUnpaid(@Param("key") String key, @Param("orderIds") List<Long> orderIds);

    @Select("SELECT order_id FROM orders WHERE cancellation = #{key} AND status = 'CANCELLED'")
    List<Long> cancelledBy(@Param("key") String key);

    /** Compensation of a cancellation the saga had to undo: its orders await payment again. */
    @Update("UPDATE orders SET status = 'CREATED', cancellation = NULL WHERE cancellation = #{key} AND status = 'CANCELLED'")
    int restoreCancelledBy(@Param("key") String key);

    @Select("SELECT status, COUNT(*) AS orders, COALESCE(SUM(quantity), 0) AS units FROM orders"
            + " WHERE activity_id = #{activityId} GROUP BY status")
    List<StatusCount> countByStatus(@Param("activityId") long activityId);

    record StatusCount(OrderStatus status, long orders, long units) {
    }
}
