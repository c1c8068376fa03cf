package io.seckill.flashsale.stock;

import io.seckill.common.event.SaleSignal;
import io.seckill.flashsale.sale.SaleSignals;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * Per-instance "sold out" flags: once Redis says a sale is sold out, this instance (told by itself or by
 * another instance's signal) refuses at memory speed without a Redis call. A flag clears when any
 * instance returns a unit or the operator changes the sale, and lapses after a short recheck period
 * anyway, so a missed signal costs one Redis call, not a sale.
 */
@Component
public class SoldOutFlags {

    private final Map<Long, Long> soldOutSince = new ConcurrentHashMap<>();
    private final SaleSignals signals;
    private final Clock clock;
    private volatile LongSupplier recheckMillis = () -> 1_000L;

    SoldOutFlags(SaleSignals signals, Clock clock) {
        this.signals = signals;
        this.clock = clock;
        signals.listen(this::hear);
    }

    public void recheckAfter(LongSupplier millis) {
        this.recheckMillis = millis;
    }

    public boolean isSoldOut(long activityId) {
        Long since = soldOutSince.get(activityId);
        if (since == null) {
            return false;
        }
        if (clock.millis() - since >= recheckMillis.getAsLong()) {
            soldOutSince.remove(activityId, since);
            return false;
        }
        return true;
    }

    /** Flags the sale here and tells every instance and gateway, once per flag (not once per refusal). */
    public void markSoldOut(long activityId) {
        if (soldOutSince.put(activityId, clock.millis()) == null) {
            signals.publish(SaleSignal.Kind.SOLD_OUT, activityId);
        }
    }

    /** Tells every instance (this one included) and gateway that units of the sale are on sale again. */
    public void announceStockReturned(long activityId) {
        soldOutSince.remove(activityId);
        signals.publish(SaleSignal.Kind.STOCK_RETURNED, activityId);
    }

    /** The operator changed the sale (paused, resumed, ended, repaired): every flag of it is forgotten everywhere. */
    public void announceChanged(long activityId) {
        soldOutSince.remove(activityId);
        signals.publish(SaleSignal.Kind.CHANGED, activityId);
    }

    private void hear(SaleSignal signal) {
        if (signal.kind() == SaleSignal.Kind.SOLD_OUT) {
            soldOutSince.putIfAbsent(signal.activityId(), clock.millis());
        } else {
            soldOutSince.remove(signal.activityId());
        }
    }
}
