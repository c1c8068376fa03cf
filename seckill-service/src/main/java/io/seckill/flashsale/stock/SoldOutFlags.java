package io.seckill.flashsale.stock;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Per-instance "sold out" flags: once Redis says an activity is sold out, this instance refuses at
 * memory speed without a Redis call. A flag clears when any instance returns a unit (pub/sub), and
 * lapses after a short recheck period anyway, so a missed message costs one Redis call, not a sale.
 */
@Component
public class SoldOutFlags implements SmartLifecycle {

    private final Map<Long, Long> soldOutSince = new ConcurrentHashMap<>();
    private final RTopic stockReturned;
    private final Clock clock;
    private volatile Supplier<Long> recheckMillis = () -> 1_000L;
    private volatile int listener = -1;

    SoldOutFlags(RedissonClient redisson, Clock clock) {
        this.stockReturned = redisson.getTopic(SaleKeys.STOCK_RETURNED_CHANNEL, StringCodec.INSTANCE);
        this.clock = clock;
    }

    public void recheckAfter(Supplier<Long> millis) {
        this.recheckMillis = millis;
    }

    public boolean isSoldOut(long activityId) {
        Long since = soldOutSince.get(activityId);
        if (since == null) {
            return false;
        }
        if (clock.millis() - since >= recheckMillis.get()) {
            soldOutSince.remove(activityId, since);
            return false;
        }
        return true;
    }

    public void markSoldOut(long activityId) {
        soldOutSince.put(activityId, clock.millis());
    }

    /** Tells every instance (this one included) that units of the activity are on sale again. */
    public void announceStockReturned(long activityId) {
        soldOutSince.remove(activityId);
        stockReturned.publish(Long.toString(activityId));
    }

    @Override
    public void start() {
        listener = stockReturned.addListener(String.class, (channel, activityId) -> soldOutSince.remove(Long.valueOf(activityId)));
    }

    @Override
    public void stop() {
        if (listener != -1) {
            stockReturned.removeListener(listener);
            listener = -1;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != -1;
    }
}
