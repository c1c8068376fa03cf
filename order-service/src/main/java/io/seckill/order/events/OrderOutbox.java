package io.seckill.order.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The outbox of lifecycle events: every write here joins the local transaction of the state change it
 * announces (the caller's), so the event exists exactly when the change does; {@link OutboxRelay} publishes
 * and deletes them. An event already waiting is not written twice (one per order and type).
 */
@Mapper
public interface OrderOutbox {

    /** The CREATED events of every order a placement's global transaction just confirmed. */
    @Insert("INSERT IGNORE INTO order_outbox (event_type, order_id, user_id, activity_id, quantity)"
            + " SELECT 'OrderCreated', order_id, user_id, activity_id, quantity FROM orders WHERE xid = #{xid} AND status = 'CREATED'")
    int announceCreated(@Param("xid") String xid);

    /** The CANCELLED events of every order a timeout saga cancelled. */
    @Insert("INSERT IGNORE INTO order_outbox (event_type, order_id, user_id, activity_id, quantity, reason)"
            + " SELECT 'OrderCancelled', order_id, user_id, activity_id, quantity, 'payment timeout' FROM orders"
            + " WHERE cancellation = #{key} AND status = 'CANCELLED'")
    int announceCancelled(@Param("key") String key);

    /** One order's event (failed, paid). */
    @Insert("INSERT IGNORE INTO order_outbox (event_type, order_id, user_id, activity_id, quantity, reason)"
            + " SELECT #{type}, order_id, user_id, activity_id, quantity, #{reason} FROM orders WHERE order_id = #{orderId}")
    int announce(@Param("type") String type, @Param("orderId") long orderId, @Param("reason") String reason);

    /** The oldest waiting events, locked for this relay; another instance's relay skips them. */
    @Select("SELECT id, event_type, order_id, user_id, activity_id, quantity, reason, occurred_at FROM order_outbox"
            + " ORDER BY id LIMIT #{limit} FOR UPDATE SKIP LOCKED")
    List<Waiting> oldest(@Param("limit") int limit);

    @Delete("<script>DELETE FROM order_outbox WHERE id IN"
            + "<foreach collection='ids' item='id' open='(' separator=',' close=')'>#{id}</foreach></script>")
    int delete(@Param("ids") Collection<Long> ids);

    @Select("SELECT COUNT(*) FROM order_outbox")
    long waiting();

    record Waiting(long id, String eventType, long orderId, String userId, long activityId, int quantity, String reason,
            Instant occurredAt) {
    }
}
