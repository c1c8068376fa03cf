package io.seckill.inventory.ledger;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * An activity's stock, bucket by bucket. Read model only: every change is a conditional UPDATE in
 * {@link StockLedgerMapper}, never a read-modify-write of this object.
 */
@TableName("stock_ledger")
public class StockLedger {

    @TableId(type = IdType.INPUT)
    private Long activityId;
    private int total;
    private int available;
    private int frozen;
    private int reserved;
    private int sold;
    /** The sale's terms, null in ledgers opened before they were kept here. */
    private Integer perUserLimit;
    private Instant startAt;
    private Instant endAt;

    public StockLedger() {
    }

    public static StockLedger opened(long activityId, int total) {
        StockLedger ledger = new StockLedger();
        ledger.activityId = activityId;
        ledger.total = total;
        ledger.available = total;
        return ledger;
    }

    public Long getActivityId() {
        return activityId;
    }

    public void setActivityId(Long activityId) {
        this.activityId = activityId;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getAvailable() {
        return available;
    }

    public void setAvailable(int available) {
        this.available = available;
    }

    public int getFrozen() {
        return frozen;
    }

    public void setFrozen(int frozen) {
        this.frozen = frozen;
    }

    public int getReserved() {
        return reserved;
    }

    public void setReserved(int reserved) {
        this.reserved = reserved;
    }

    public int getSold() {
        return sold;
    }

    public void setSold(int sold) {
        this.sold = sold;
    }

    public Integer getPerUserLimit() {
        return perUserLimit;
    }

    public void setPerUserLimit(Integer perUserLimit) {
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
}
