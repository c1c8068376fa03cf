package io.seckill.flashsale.stock;

import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityStatus;


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
 * Loads a published activity into Redis: definition, stock counter, request stream and relay group.
 * One instance does it (a Redisson lock per activity); doing it again changes no counter.
 */
@Component
public class WarmingUp {

    private static final Logger log = LoggerFactory.getLogger(WarmingUp.class);

    private final RedissonClient redisson;
    private final SaleScripts scripts;

    WarmingUp(RedissonClient redisson, SaleScripts scripts) {
        this.redisson = redisson;
        this.scripts = scripts;
    }

    /** Returns false only if another instance holds the warm-up lock right now (it is doing the work). */
    public boolean warmUp(Activity activity) {
        SaleKeys keys = new SaleKeys(activity.getActivityId());
        RLock lock = redisson.getLock(keys.warmUpLock());
        if (!lock.tryLock()) {
            return false;
        }
        try {
            boolean first = scripts.warmUp(keys, activity.getStartAt().toEpochMilli(), activity.getEndAt().toEpochMilli(),
                    activity.getPerUserLimit(), activity.getStatus() == ActivityStatus.PAUSED,
                    activity.getPrice().toPlainString(), activity.getStock());
            createRelayGroup(keys);
            redisson.getSet(SaleKeys.ACTIVE, StringCodec.INSTANCE).add(Long.toString(activity.getActivityId()));
            if (first) {
                log.info("Warmed up activity {} with {} units", activity.getActivityId(), activity.getStock());
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
