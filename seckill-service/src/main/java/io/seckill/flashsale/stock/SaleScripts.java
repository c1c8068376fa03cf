package io.seckill.flashsale.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The sale's Lua scripts (src/main/resources/scripts), run atomically on the activity's Redis node. */
@Component
public class SaleScripts {

    private final RScript redis;
    private final String purchase = load("purchase");
    private final String warmUp = load("warm-up");
    private final String returnStock = load("return-stock");
    private final String advanceResult = load("advance-result");
    private final String fencedSet = load("fenced-set");

    SaleScripts(RedissonClient redisson) {
        this.redis = redisson.getScript(StringCodec.INSTANCE);
    }

    /** Returns {code, remaining}. */
    public List<Object> purchase(SaleKeys keys, String userId, int quantity, long nowMillis, long orderId, String token,
            int perUserLimit, String traceparent) {
        return redis.eval(keys.stock(), RScript.Mode.READ_WRITE, purchase, RScript.ReturnType.LIST,
                List.of(keys.meta(), keys.stock(), keys.buyers(), keys.token(token), keys.requests(), keys.results()),
                userId, Integer.toString(quantity), Long.toString(nowMillis), Long.toString(orderId),
                Long.toString(keys.activityId()), traceparent, Integer.toString(perUserLimit));
    }

    /** True if this call set the stock counter (first warm-up); false if it was already there. */
    public boolean warmUp(SaleKeys keys, long startMillis, long endMillis, int perUserLimit, boolean paused,
            String price, int stock) {
        Long first = redis.eval(keys.stock(), RScript.Mode.READ_WRITE, warmUp, RScript.ReturnType.LONG,
                List.of(keys.meta(), keys.stock()), Long.toString(startMillis), Long.toString(endMillis),
                Integer.toString(perUserLimit), paused ? "1" : "0", price, Integer.toString(stock));
        return first == 1L;
    }

    /** True if the units went back now; false if this order's units had already been returned. */
    public boolean returnStock(SaleKeys keys, long orderId, String userId, int quantity, String finalStatus) {
        Long returned = redis.eval(keys.stock(), RScript.Mode.READ_WRITE, returnStock, RScript.ReturnType.LONG,
                List.of(keys.stock(), keys.buyers(), keys.returned(), keys.results()), Long.toString(orderId), userId,
                Integer.toString(quantity), finalStatus);
        return returned == 1L;
    }

    public void advanceResult(SaleKeys keys, long orderId, String userId, String status) {
        redis.eval(keys.results(), RScript.Mode.READ_WRITE, advanceResult, RScript.ReturnType.LONG,
                List.of(keys.results()), Long.toString(orderId), userId, status);
    }

    /** Sets {@code target} only if {@code token} is not older than the newest token written to {@code fence}. */
    public boolean fencedSet(String fence, String target, long token, String value) {
        Long written = redis.eval(target, RScript.Mode.READ_WRITE, fencedSet, RScript.ReturnType.LONG,
                List.of(fence, target), Long.toString(token), value);
        return written == 1L;
    }

    private static String load(String name) {
        try {
            return new ClassPathResource("scripts/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing Lua script " + name, e);
        }
    }
}
