package io.seckill.flashsale.relay;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.sale.ActiveSales;
import io.seckill.flashsale.sale.SaleKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Requests the relay gave up on, per sale, with the reason. Replaying puts one back on the request stream
 * with its original order id, so a request that did reach Kafka after all creates no second order.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String REASON = "deadLetterReason";
    static final String ORIGINAL_ENTRY = "originalEntryId";

    private final RedissonClient redisson;
    private final ActiveSales active;
    private final Counter deadLettered;

    DeadLetters(RedissonClient redisson, ActiveSales active, MeterRegistry meters) {
        this.redisson = redisson;
        this.active = active;
        this.deadLettered = Counter.builder("seckill.relay.dead-lettered").register(meters);
    }

    /** Moves an entry from the sale's request stream to its dead letters. */
    void add(long activityId, StreamMessageId id, Map<String, String> fields, String reason) {
        Map<String, String> letter = new LinkedHashMap<>(fields);
        letter.put(REASON, reason);
        letter.put(ORIGINAL_ENTRY, id.toString());
        deadStream(activityId).add(StreamAddArgs.entries(letter));
        RStream<String, String> stream = requests(activityId);
        stream.ack(SaleKeys.RELAY_GROUP, id);
        stream.remove(id);
        deadLettered.increment();
        log.error("Request {} of activity {} moved to the dead letters: {}", id, activityId, reason);
    }

    public List<DeadLetter> list(int limitPerActivity) {
        List<DeadLetter> letters = new ArrayList<>();
        for (long activityId : active.ids()) {
            deadStream(activityId).range(limitPerActivity, StreamMessageId.MIN, StreamMessageId.MAX)
                    .forEach((id, fields) -> letters.add(new DeadLetter(Long.toString(activityId), id.toString(), fields)));
        }
        return letters;
    }

    /** Dead letters of one sale. */
    long count(long activityId) {
        return deadStream(activityId).size();
    }

    public DeadLetter replay(long activityId, String entryId) {
        StreamMessageId id = parse(entryId);
        RStream<String, String> dead = deadStream(activityId);
        Map<String, String> fields = dead.range(id, id).get(id);
        if (fields == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No dead letter " + entryId + " for activity " + activityId + ".");
        }
        Map<String, String> request = new LinkedHashMap<>(fields);
        request.remove(REASON);
        request.remove(ORIGINAL_ENTRY);
        requests(activityId).add(StreamAddArgs.entries(request));
        active.add(activityId); // a long-ended sale may have left the relay's set
        dead.remove(id);
        return new DeadLetter(Long.toString(activityId), entryId, fields);
    }

    private RStream<String, String> deadStream(long activityId) {
        return redisson.getStream(new SaleKeys(activityId).deadLetters(), StringCodec.INSTANCE);
    }

    private RStream<String, String> requests(long activityId) {
        return redisson.getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE);
    }

    private static StreamMessageId parse(String entryId) {
        String[] parts = entryId.split("-");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException(entryId);
            }
            return new StreamMessageId(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "Not a stream entry id: " + entryId);
        }
    }

    public record DeadLetter(String activityId, String entryId, Map<String, String> fields) {
    }
}
