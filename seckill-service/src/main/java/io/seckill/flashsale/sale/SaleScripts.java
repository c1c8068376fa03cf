package io.seckill.flashsale.sale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The sale's Lua scripts (src/main/resources/scripts), run atomically on the activity's Redis node by
 * their SHA (EVALSHA: the 2 KB purchase script is not sent with every purchase). A Redis that lost its
 * script cache (restart, failover) answers NOSCRIPT once; the script is loaded again and the call repeated.
 * The writes a failover must not forget (a purchase, a unit going back) wait for the replicas that
 * {@link ReplicaConfirmation} asks for, on the same connection (a Redisson batch with {@code sync}).
 */
@Component
public class SaleScripts {

    private final RedissonClient redisson;
    private final RScript redis;
    private final ReplicaConfirmation replicas;
    private final Script purchase = new Script("purchase");
    private final Script warmUp = new Script("warm-up");
    private final Script returnStock = new Script("return-stock");
    private final Script advanceResult = new Script("advance-result");
    private final Script fencedSet = new Script("fenced-set");

    SaleScripts(RedissonClient redisson, ReplicaConfirmation replicas) {
        this.redisson = redisson;
        this.redis = redisson.getScript(StringCodec.INSTANCE);
        this.replicas = replicas;
        if (redisson.getConfig().isClusterConfig() && !replicas.required()) {
            LoggerFactory.getLogger(SaleScripts.class).warn("Redis Cluster with seckill.sale.replicas.confirmations=0: "
                    + "purchases are acknowledged before a replica holds them, and a failover can forget them");
        }
    }

    /**
     * The purchase ({@code scripts/purchase.lua}): its code and the units remaining, and whether the replicas
     * asked for hold it. {@code usedNonce} marks the token used for {@code usedForMillis} (until it has expired).
     */
    public PurchaseReply purchase(SaleKeys keys, String usedNonce, long usedForMillis, String userId, int quantity,
            long nowMillis, long orderId, int perUserLimit, String traceparent) {
        List<Object> keyList = List.of(keys.meta(), keys.stock(), keys.buyers(), keys.usedToken(usedNonce), keys.requests(),
                keys.results(), keys.taken());
        Object[] values = {userId, Integer.toString(quantity), Long.toString(nowMillis), Long.toString(orderId),
                Long.toString(keys.activityId()), traceparent, Integer.toString(perUserLimit), Long.toString(usedForMillis)};
        if (!replicas.required()) {
            List<Object> reply = purchase.run(sha -> redis.evalSha(keys.stock(), RScript.Mode.READ_WRITE, sha,
                    RScript.ReturnType.LIST, keyList, values));
            return PurchaseReply.of(reply, true);
        }
        return purchase.run(sha -> {
            RBatch batch = redisson.createBatch(replicas.applyTo(BatchOptions.defaults()));
            batch.getScript(StringCodec.INSTANCE).evalShaAsync(keys.stock(), RScript.Mode.READ_WRITE, sha,
                    RScript.ReturnType.LIST, keyList, values);
            BatchResult<?> done = batch.execute();
            return PurchaseReply.of((List<?>) done.getResponses().get(0), replicas.confirmedBy(done));
        });
    }

    /**
     * What the purchase script answered: ACCEPTED or a refusal code, the units left, and whether the replicas
     * asked for hold what it wrote (always true when none are asked for).
     */
    public record PurchaseReply(String code, long remaining, boolean replicated) {

        static PurchaseReply of(List<?> reply, boolean replicated) {
            return new PurchaseReply((String) reply.get(0), ((Number) reply.get(1)).longValue(), replicated);
        }
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
        List<Object> keyList = List.of(keys.stock(), keys.buyers(), keys.returned(), keys.results(), keys.taken());
        if (!replicas.required()) {
            return returnStock.<Long>runAsync(sha -> redis.evalShaAsync(keys.stock(), RScript.Mode.READ_WRITE, sha,
                    RScript.ReturnType.LONG, keyList, Long.toString(orderId), userId, finalStatus));
        }
        // A unit returned only on a master that then died would be neither sold nor on sale: the caller's
        // retry (the script is idempotent per order) runs until a replica holds it.
        return returnStock.runAsync(sha -> {
            RBatch batch = redisson.createBatch(replicas.applyTo(BatchOptions.defaults()));
            batch.getScript(StringCodec.INSTANCE).evalShaAsync(keys.stock(), RScript.Mode.READ_WRITE, sha,
                    RScript.ReturnType.LONG, keyList, Long.toString(orderId), userId, finalStatus);
            return batch.executeAsync().thenApply(done -> {
                if (!replicas.confirmedBy(done)) {
                    throw new UnconfirmedWrite("stock return of order " + orderId + " not confirmed by "
                            + replicas.confirmations() + " replica(s) within " + replicas.timeout());
                }
                return ((Number) done.getResponses().get(0)).longValue();
            });
        });
    }

    /** A write the master took but the replicas asked for did not confirm in time. */
    public static final class UnconfirmedWrite extends RuntimeException {

        UnconfirmedWrite(String message) {
            super(message);
        }
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
