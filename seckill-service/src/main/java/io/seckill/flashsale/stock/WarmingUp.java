package io.seckill.flashsale.stock;

import io.seckill.flashsale.sale.ActiveSales;
import io.seckill.flashsale.sale.SaleDefinition;
import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleScripts;

import org.redisson.api.RLock;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads a published sale into Redis: definition, stock counter, request stream and relay group. One
 * instance does it (a Redisson lock per sale); doing it again changes no counter.
 */
@Component
public class WarmingUp {

    private static final Logger log = LoggerFactory.getLogger(WarmingUp.class);

    private final RedissonClient redisson;
    private final SaleScripts scripts;
    private final ActiveSales active;

    WarmingUp(RedissonClient redisson, SaleScripts scripts, ActiveSales active) {
        this.redisson = redisson;
        this.scripts = scripts;
        this.active = active;
    }

    /** Returns false only if another instance holds the warm-up lock right now (it is doing the work). */
    public boolean warmUp(SaleDefinition sale) {
        SaleKeys keys = new SaleKeys(sale.activityId());
        RLock lock = redisson.getLock(keys.warmUpLock());
        if (!lock.tryLock()) {
            return false;
        }
        try {
            boolean first = scripts.warmUp(keys, sale);
            createRelayGroup(keys);
            active.add(sale.activityId());
            if (first) {
                log.info("Warmed up activity {} with {} units", sale.activityId(), sale.stock());
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isWarm(long activityId) {
        return redisson.getBucket(new SaleKeys(activityId).stock(), StringCodec.INSTANCE).isExists();
    }

    /** Pausing, resuming and ending change the definition the purchase script reads. */
    public void updateWindow(long activityId, boolean paused, Long endMillis) {
        var meta = redisson.getMap(new SaleKeys(activityId).meta(), StringCodec.INSTANCE);
        if (!meta.isExists()) {
            return;
        }
        meta.fastPut("paused", paused ? "1" : "0");
        if (endMillis != null) {
            meta.fastPut("end", Long.toString(endMillis));
        }
    }

    private void createRelayGroup(SaleKeys keys) {
        RStream<String, String> stream = redisson.getStream(keys.requests(), StringCodec.INSTANCE);
        try {
            stream.createGroup(StreamCreateGroupArgs.name(SaleKeys.RELAY_GROUP).id(StreamMessageId.ALL).makeStream());
        } catch (RedisException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }
}
