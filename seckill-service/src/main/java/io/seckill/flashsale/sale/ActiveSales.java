package io.seckill.flashsale.sale;

import java.util.Set;
import java.util.TreeSet;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/** The sales warmed into Redis (each has a request stream): what the relay, its gauges and the stock gauge read. */
@Component
public class ActiveSales {

    private final RedissonClient redisson;

    ActiveSales(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public Set<Long> ids() {
        Set<Long> ids = new TreeSet<>();
        for (String id : redisson.<String>getSet(SaleKeys.ACTIVE, StringCodec.INSTANCE).readAll()) {
            ids.add(Long.valueOf(id));
        }
        return ids;
    }

    public void add(long activityId) {
        redisson.getSet(SaleKeys.ACTIVE, StringCodec.INSTANCE).add(Long.toString(activityId));
    }

    /** A sale with nothing left to relay stops being read (the relay polls each active stream every round). */
    public void remove(long activityId) {
        redisson.getSet(SaleKeys.ACTIVE, StringCodec.INSTANCE).remove(Long.toString(activityId));
    }
}
