package io.seckill.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens a decoder accepted, so a shopper's next request (a purchase is two) is not verified again: kept
 * until the token expires (with the decoders' 60 s clock skew) and at most {@link #AT_MOST}, so a rotated
 * key is in force for every token within that. A token is immutable and signed, so the remembered answer
 * is the decoder's own; only its expiry is checked again. Failures are never remembered. Used by the
 * services' servlet decoders and the gateway's reactive ones alike.
 */
public final class RememberedTokens {

    public static final Duration AT_MOST = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    public static final int MAX_TOKENS = 100_000;

    private final Supplier<Instant> now;
    private final Cache<String, Jwt> verified;

    public RememberedTokens(Supplier<Instant> now) {
        this.now = now;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new Expiry<String, Jwt>() {
            @Override
            public long expireAfterCreate(String token, Jwt jwt, long nanos) {
                Instant expires = jwt.getExpiresAt();
                Duration left = expires == null ? AT_MOST : Duration.between(now.get(), expires.plus(CLOCK_SKEW));
                return Math.max(0, Math.min(left.toNanos(), AT_MOST.toNanos()));
            }

            @Override
            public long expireAfterUpdate(String token, Jwt jwt, long nanos, long current) {
                return current;
            }

            @Override
            public long expireAfterRead(String token, Jwt jwt, long nanos, long current) {
                return current;
            }
        }).build();
    }

    /** The decoder's earlier answer for this token, or null when there is none or the token has expired since. */
    public Jwt known(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null || (known.getExpiresAt() != null && !now.get().isBefore(known.getExpiresAt().plus(CLOCK_SKEW)))) {
            return null;
        }
        return known;
    }

    public void remember(String token, Jwt jwt) {
        verified.put(token, jwt);
    }
}
