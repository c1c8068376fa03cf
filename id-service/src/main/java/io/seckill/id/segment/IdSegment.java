package io.seckill.id.segment;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A business tag's sequence: ids up to {@code maxId} are handed out; the next fetch takes {@code step} more. */
@TableName("id_segment")
public class IdSegment {

    @TableId(type = IdType.INPUT)
    private String bizTag;
    private long maxId;
    private int step;
    private String description;

    public IdSegment() {
    }

    public IdSegment(String bizTag, long maxId, int step, String description) {
        this.bizTag = bizTag;
        this.maxId = maxId;
        this.step = step;
        this.description = description;
    }

    public String getBizTag() {
        return bizTag;
    }

    public void setBizTag(String bizTag) {
        this.bizTag = bizTag;
    }

    public long getMaxId() {
        return maxId;
    }

    public void setMaxId(long maxId) {
        this.maxId = maxId;
    }

    public int getStep() {
        return step;
    }

    public void setStep(int step) {
        this.step = step;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
