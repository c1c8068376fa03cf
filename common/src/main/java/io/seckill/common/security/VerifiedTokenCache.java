package io.seckill.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A token verified once is not verified again on the shopper's next request (a purchase is two): the
 * decoder's answer is kept until the token expires and at most {@link #AT_MOST}, only the expiry is
 * checked again. Tokens are immutable and signed, so the cached answer is the decoder's own; failures
 * are never cached.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final Duration AT_MOST = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_TOKENS = 100_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new Expiry<String, Jwt>() {
            @Override
            public long expireAfterCreate(String token, Jwt jwt, long now) {
                Duration left = Duration.between(clock.instant(), jwt.getExpiresAt().plus(CLOCK_SKEW));
                return Math.max(0, Math.min(left.toNanos(), AT_MOST.toNanos()));
            }

            @Override
            public long expireAfterUpdate(String token, Jwt jwt, long now, long current) {
                return current;
            }

            @Override
            public long expireAfterRead(String token, Jwt jwt, long now, long current) {
                return current;
            }
        }).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.getExpiresAt().plus(CLOCK_SKEW))) {
            return known;
        }
        Jwt jwt = decoder.decode(token); // TokenRules require exp, so getExpiresAt() is never null here
        verified.put(token, jwt);
        return jwt;
    }
}
