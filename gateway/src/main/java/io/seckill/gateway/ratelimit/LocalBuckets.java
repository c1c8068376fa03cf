package io.seckill.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets in this gateway instance's memory (Bucket4j), one per key (a client address, a user),
 * for one {@link RateLimitProperties.Limit}. A bucket left alone long enough to be full again is dropped,
 * which is the same as keeping it; at most {@code maxKeys} are kept, so a flood of made-up keys costs
 * bounded memory (and a key dropped early starts full: it may get one burst more, never less).
 */
final class LocalBuckets {

    private final RateLimitProperties.Limit limit;
    private final Cache<String, Bucket> buckets;

    LocalBuckets(RateLimitProperties.Limit limit, int maxKeys) {
        this.limit = new RateLimitProperties.Limit(limit.getReplenishRate(), limit.getBurstCapacity());
        long refillMillis = Math.max(1_000, 1_000L * limit.getBurstCapacity() / limit.getReplenishRate());
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofMillis(refillMillis)).build();
    }

    /** Whether these buckets were built for {@code wanted} (a live edit makes new ones). */
    boolean isFor(RateLimitProperties.Limit wanted) {
        return limit.getReplenishRate() == wanted.getReplenishRate() && limit.getBurstCapacity() == wanted.getBurstCapacity();
    }

    RateLimitProperties.Limit limit() {
        return limit;
    }

    /** Takes a token from the key's bucket; the probe says whether there was one, and when the next comes. */
    ConsumptionProbe take(String key) {
        return buckets.get(key, ignored -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.getBurstCapacity())
                        .refillGreedy(limit.getReplenishRate(), Duration.ofSeconds(1)))
                .build()).tryConsumeAndReturnRemaining(1);
    }
}
