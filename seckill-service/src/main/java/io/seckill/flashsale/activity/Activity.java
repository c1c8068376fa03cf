package io.seckill.flashsale.activity;

import io.seckill.flashsale.sale.SaleDefinition;

import java.math.BigDecimal;
import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A flash sale: what is sold, how many, to whom (per-user limit) and when. */
@TableName("activity")
public class Activity {

    @TableId(type = IdType.INPUT)
    private Long activityId;
    private String sku;
    private String title;
    private BigDecimal price;
    private int stock;
    private int perUserLimit;
    private Instant startAt;
    private Instant endAt;
    private ActivityStatus status;

    public Long getActivityId() {
        return activityId;
    }

    public void setActivityId(Long activityId) {
        this.activityId = activityId;
    }

    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public int getStock() {
        return stock;
    }

    public void setStock(int stock) {
        this.stock = stock;
    }

    public int getPerUserLimit() {
        return perUserLimit;
    }

    public void setPerUserLimit(int perUserLimit) {
        this.perUserLimit = perUserLimit;
    }

    public Instant getStartAt() {
        return startAt;
    }

    public void setStartAt(Instant startAt) {
        this.startAt = startAt;
    }

    public Instant getEndAt() {
        return endAt;
    }

    public void setEndAt(Instant endAt) {
        this.endAt = endAt;
    }

    public ActivityStatus getStatus() {
        return status;
    }

    /** What Redis needs of this sale to run its purchases. */
    public SaleDefinition definition() {
        return new SaleDefinition(activityId, startAt, endAt, perUserLimit, status == ActivityStatus.PAUSED, price, stock);
    }

    public void setStatus(ActivityStatus status) {
        this.status = status;
    }
}
