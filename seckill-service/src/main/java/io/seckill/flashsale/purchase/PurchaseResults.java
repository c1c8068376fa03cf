package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.sale.SaleKeys;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Where a purchase stands, for its owner only: QUEUED (accepted, order not yet recorded), CREATED,
 * PAID, CANCELLED or FAILED. Written by the purchase script, moved forward by order events.
 */
@Component
public class PurchaseResults {

    private final RedissonClient redisson;

    PurchaseResults(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public PurchaseStatus of(String userId, long activityId, long orderId) {
        String entry = redisson.<String, String>getMap(new SaleKeys(activityId).results(), StringCodec.INSTANCE)
                .get(Long.toString(orderId));
        int separator = entry == null ? -1 : entry.lastIndexOf('|');
        // Someone else's purchase is answered exactly like a missing one: existence is not revealed.
        if (separator < 0 || !entry.substring(0, separator).equals(userId)) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No purchase " + orderId + " of yours in activity " + activityId + ".");
        }
        return new PurchaseStatus(Long.toString(orderId), Long.toString(activityId), entry.substring(separator + 1));
    }

    public record PurchaseStatus(String orderId, String activityId, String status) {
    }
}
