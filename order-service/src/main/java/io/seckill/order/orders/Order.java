package io.seckill.order.orders;

import java.math.BigDecimal;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** An order as stored. Status changes are conditional UPDATEs (from an expected status), never read-modify-write. */
@TableName("orders")
public class Order {

    @TableId(type = IdType.INPUT)
    private Long orderId;
    private String userId;
    private Long activityId;
    private int quantity;
    private BigDecimal unitPrice;
    private OrderStatus status;

    public Order() {
    }

    public Order(long orderId, String userId, long activityId, int quantity, BigDecimal unitPrice, OrderStatus status) {
        this.orderId = orderId;
        this.userId = userId;
        this.activityId = activityId;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.status = status;
    }

    public Long getOrderId() {
        return orderId;
    }

    public void setOrderId(Long orderId) {
        this.orderId = orderId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Long getActivityId() {
        return activityId;
    }

    public void setActivityId(Long activityId) {
        this.activityId = activityId;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public void setUnitPrice(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public void setStatus(OrderStatus status) {
        this.status = status;
    }
}
