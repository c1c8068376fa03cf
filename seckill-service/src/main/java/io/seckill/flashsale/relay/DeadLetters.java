package io.seckill.flashsale.relay;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.stock.SaleKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * Requests the relay gave up on, per activity. Replaying puts one back on the request stream with
 * its original order id, so a request that did reach Kafka after all creates no second order.
 */
@Component
public class DeadLetters {

    private final RedissonClient redisson;
    private final RequestRelay relay;

    DeadLetters(RedissonClient redisson, RequestRelay relay) {
        this.redisson = redisson;
        this.relay = relay;
    }

    public List<DeadLetter> list(int limitPerActivity) {
        List<DeadLetter> letters = new ArrayList<>();
        for (long activityId : relay.activeActivities()) {
            deadStream(activityId).range(limitPerActivity, StreamMessageId.MIN, StreamMessageId.MAX)
                    .forEach((id, fields) -> letters.add(new DeadLetter(Long.toString(activityId), id.toString(), fields)));
        }
        return letters;
    }

    public DeadLetter replay(long activityId, String entryId) {
        StreamMessageId id = parse(entryId);
        RStream<String, String> dead = deadStream(activityId);
        Map<String, String> fields = dead.range(id, id).get(id);
        if (fields == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No dead letter " + entryId + " for activity " + activityId + ".");
        }
        Map<String, String> request = new LinkedHashMap<>(fields);
        request.remove("deadLetterReason");
        request.remove("originalEntryId");
        redisson.<String, String>getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE)
                .add(StreamAddArgs.entries(request));
        dead.remove(id);
        return new DeadLetter(Long.toString(activityId), entryId, fields);
    }

    private RStream<String, String> deadStream(long activityId) {
        return redisson.getStream(new SaleKeys(activityId).deadLetters(), StringCodec.INSTANCE);
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
