package io.seckill.flashsale.relay;

import io.seckill.flashsale.sale.ActiveSales;
import io.seckill.flashsale.sale.SaleKeys;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The relay as SREs watch it ({@code seckill.relay.backlog}, {@code .pending}, {@code .lag},
 * {@code .dead-letters}), summed over every active sale once a second: never per scrape, never in the
 * relay's loop. A sale that ended over an hour ago with nothing in its stream, nothing pending and no dead
 * letter leaves the active set here: no purchase can reach its stream any more, and every relay would
 * otherwise keep polling it.
 */
@Component
class RelayGauges {

    static final Duration DRAINED_AFTER_END = Duration.ofHours(1);

    private final RedissonClient redisson;
    private final ActiveSales active;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    RelayGauges(RedissonClient redisson, ActiveSales active, DeadLetters deadLetters, Clock clock, MeterRegistry meters) {
        this.redisson = redisson;
        this.active = active;
        this.deadLetters = deadLetters;
        this.clock = clock;
        Gauge.builder("seckill.relay.backlog", backlog, AtomicLong::get).description("Requests not yet relayed").register(meters);
        Gauge.builder("seckill.relay.pending", pending, AtomicLong::get).description("Requests delivered, not acknowledged").register(meters);
        Gauge.builder("seckill.relay.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest request not yet relayed").register(meters);
        Gauge.builder("seckill.relay.dead-letters", dead, AtomicLong::get).register(meters);
    }

    @Scheduled(fixedDelay = 1000)
    void refresh() {
        long undelivered = 0;
        long unacknowledged = 0;
        long oldest = Long.MAX_VALUE;
        long letters = 0;
        for (long activityId : active.ids()) {
            RStream<String, String> stream = redisson.getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE);
            long size = stream.size();
            long unacked = 0;
            try {
                unacked = stream.getPendingInfo(SaleKeys.RELAY_GROUP).getTotal();
            } catch (RedisException noGroupYet) {
                // recreated by the relay's next round
            }
            for (StreamMessageId first : stream.range(1, StreamMessageId.MIN, StreamMessageId.MAX).keySet()) {
                oldest = Math.min(oldest, first.getId0());
            }
            long deadOnes = deadLetters.count(activityId);
            if (size == 0 && unacked == 0 && deadOnes == 0 && endedLongAgo(activityId)) {
                active.remove(activityId);
            }
            undelivered += size;
            unacknowledged += unacked;
            letters += deadOnes;
        }
        backlog.set(undelivered);
        pending.set(unacknowledged);
        lagMillis.set(oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest));
        dead.set(letters);
    }

    private boolean endedLongAgo(long activityId) {
        Object end = redisson.<String, String>getMap(new SaleKeys(activityId).meta(), StringCodec.INSTANCE).get("end");
        return end != null && Long.parseLong(end.toString()) < clock.millis() - DRAINED_AFTER_END.toMillis();
    }
}
