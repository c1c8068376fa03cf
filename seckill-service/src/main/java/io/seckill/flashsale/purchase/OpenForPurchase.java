package io.seckill.flashsale.purchase;

import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityStatus;
import io.seckill.flashsale.stock.SoldOutFlags;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The one rule for whether a sale takes purchases now, asked by the token request and by the purchase
 * alike: the global switch and the operator's paused sales (live config), the sale's own status and
 * window, and this instance's sold-out flag. It answers from memory; the purchase script checks pause,
 * window and stock again in Redis, where they are authoritative.
 */
@Component
class OpenForPurchase {

    private final PurchaseSettings settings;
    private final SoldOutFlags soldOut;

    OpenForPurchase(PurchaseSettings settings, SoldOutFlags soldOut) {
        this.settings = settings;
        this.soldOut = soldOut;
    }

    SaleState stateOf(Activity activity, Instant now) {
        long activityId = activity.getActivityId();
        if (!settings.isEnabled() || settings.isPaused(activityId) || activity.getStatus() == ActivityStatus.PAUSED) {
            return SaleState.PAUSED;
        }
        if (activity.getStatus() == ActivityStatus.ENDED || !now.isBefore(activity.getEndAt())) {
            return SaleState.ENDED;
        }
        if (now.isBefore(activity.getStartAt())) {
            return SaleState.NOT_STARTED;
        }
        return soldOut.isSoldOut(activityId) ? SaleState.SOLD_OUT : SaleState.OPEN;
    }
}
