package io.seckill.flashsale.sale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The sale's Lua scripts (src/main/resources/scripts), run atomically on the activity's Redis node by
 * their SHA (EVALSHA: the 2 KB purchase script is not sent with every purchase). A Redis that lost its
 * script cache (restart, failover) answers NOSCRIPT once; the script is loaded again and the call repeated.
 */
@Component
public class SaleScripts {

    private final RScript redis;
    private final Script purchase = new Script("purchase");
    private final Script warmUp = new Script("warm-up");
    private final Script returnStock = new Script("return-stock");
    private final Script advanceResult = new Script("advance-result");
    private final Script fencedSet = new Script("fenced-set");

    SaleScripts(RedissonClient redisson) {
        this.redis = redisson.getScript(StringCodec.INSTANCE);
    }

    /**
     * The purchase ({@code scripts/purchase.lua}): returns {code, remaining}. {@code usedNonce} marks the
     * token used for {@code usedForMillis} (until it has expired).
     */
    public List<Object> purchase(SaleKeys keys, String usedNonce, long usedForMillis, String userId, int quantity,
            long nowMillis, long orderId, int perUserLimit, String traceparent) {
        return purchase.run(key -> redis.evalSha(keys.stock(), RScript.Mode.READ_WRITE, key, RScript.ReturnType.LIST,
                List.of(keys.meta(), keys.stock(), keys.buyers(), keys.usedToken(usedNonce), keys.requests(), keys.results(), keys.taken()),
                userId, Integer.toString(quantity), Long.toString(nowMillis), Long.toString(orderId),
                Long.toString(keys.activityId()), traceparent, Integer.toString(perUserLimit), Long.toString(usedForMillis)));
    }

    /** True if this call set the stock counter (first warm-up); false if it was already there. */
    public boolean warmUp(SaleKeys keys, SaleDefinition sale) {
        Long first = warmUp.run(sha -> redis.evalSha(keys.stock(), RScript.Mode.READ_WRITE, sha, RScript.ReturnType.LONG,
                List.of(keys.meta(), keys.stock()), Long.toString(sale.startAt().toEpochMilli()),
                Long.toString(sale.endAt().toEpochMilli()), Integer.toString(sale.perUserLimit()), sale.paused() ? "1" : "0",
                sale.price().toPlainString(), Integer.toString(sale.stock())));
        return first == 1L;
    }

    /**
     * Completes with the units that went back now (what the purchase took for the order), 0 if they already
     * had, or -1 if this sale never took units for that order id and user (the event is refused).
     */
    public CompletionStage<Long> returnStock(SaleKeys keys, long orderId, String userId, String finalStatus) {
        return returnStock.<Long>runAsync(sha -> redis.evalShaAsync(keys.stock(), RScript.Mode.READ_WRITE, sha,
                RScript.ReturnType.LONG, List.of(keys.stock(), keys.buyers(), keys.returned(), keys.results(), keys.taken()),
                Long.toString(orderId), userId, finalStatus));
    }

    public CompletionStage<Long> advanceResult(SaleKeys keys, long orderId, String userId, String status) {
        return advanceResult.runAsync(sha -> redis.evalShaAsync(keys.results(), RScript.Mode.READ_WRITE, sha,
                RScript.ReturnType.LONG, List.of(keys.results()), Long.toString(orderId), userId, status));
    }

    /** Sets {@code target} only if {@code token} is not older than the newest token written to {@code fence}. */
    public boolean fencedSet(String fence, String target, long token, String value) {
        Long written = fencedSet.run(sha -> redis.evalSha(target, RScript.Mode.READ_WRITE, sha, RScript.ReturnType.LONG,
                List.of(fence, target), Long.toString(token), value));
        return written == 1L;
    }

    /** One script: its text, and its SHA once Redis has it. */
    private final class Script {

        private final String text;
        private final ConcurrentHashMap<String, String> sha = new ConcurrentHashMap<>(1);

        Script(String name) {
            try {
                this.text = new ClassPathResource("scripts/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("missing Lua script " + name, e);
            }
        }

        private String sha() {
            return sha.computeIfAbsent("sha", ignored -> redis.scriptLoad(text));
        }

        <T> T run(Function<String, T> call) {
            try {
                return call.apply(sha());
            } catch (RedisException e) {
                if (!isNoScript(e)) {
                    throw e;
                }
                sha.clear();
                return call.apply(sha());
            }
        }

        <T> CompletionStage<T> runAsync(Function<String, CompletionStage<T>> call) {
            String current = sha();
            return call.apply(current).exceptionallyCompose(failure -> {
                if (!isNoScript(failure)) {
                    return java.util.concurrent.CompletableFuture.failedStage(failure);
                }
                sha.remove("sha", current);
                return call.apply(sha());
            });
        }

        private static boolean isNoScript(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains("NOSCRIPT")) {
                    return true;
                }
            }
            return false;
        }
    }
}
