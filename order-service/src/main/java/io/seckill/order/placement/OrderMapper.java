package io.seckill.order.placement;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Status changes are conditional on the status (and, in placement, the XID) the caller expects. */
@Mapper
public interface OrderMapper extends BaseMapper<Order> {

    @Insert("INSERT IGNORE INTO orders (order_id, user_id, activity_id, quantity, unit_price, status, xid)"
            + " VALUES (#{o.orderId}, #{o.userId}, #{o.activityId}, #{o.quantity}, #{o.unitPrice}, 'PENDING', #{xid})")
    int insertPending(@Param("o") Order order, @Param("xid") String xid);

    @Update("UPDATE orders SET status = 'CREATED' WHERE order_id = #{orderId} AND xid = #{xid} AND status = 'PENDING'")
    int confirmPending(@Param("orderId") long orderId, @Param("xid") String xid);

    @Delete("DELETE FROM orders WHERE order_id = #{orderId} AND xid = #{xid} AND status = 'PENDING'")
    int discardPending(@Param("orderId") long orderId, @Param("xid") String xid);

    @Insert("INSERT IGNORE INTO orders (order_id, user_id, activity_id, quantity, unit_price, status, reason)"
            + " VALUES (#{o.orderId}, #{o.userId}, #{o.activityId}, #{o.quantity}, #{o.unitPrice}, 'FAILED', #{reason})")
    int insertFailed(@Param("o") Order order, @Param("reason") String reason);

    @Update("UPDATE orders SET status = #{to} WHERE order_id = #{orderId} AND status = #{from}")
    int transition(@Param("orderId") long orderId, @Param("from") OrderStatus from, @Param("to") OrderStatus to);

    @Select("SELECT order_id FROM orders WHERE status = 'CREATED' AND created_at < DATE_SUB(NOW(3), INTERVAL #{timeoutMillis} * 1000 MICROSECOND)"
            + " ORDER BY created_at LIMIT #{limit}")
    List<Long> unpaidSince(@Param("timeoutMillis") long timeoutMillis, @Param("limit") int limit);

    @Select("SELECT status, COUNT(*) AS orders, COALESCE(SUM(quantity), 0) AS units FROM orders"
            + " WHERE activity_id = #{activityId} GROUP BY status")
    List<StatusCount> countByStatus(@Param("activityId") long activityId);

    record StatusCount(OrderStatus status, long orders, long units) {
    }
}
