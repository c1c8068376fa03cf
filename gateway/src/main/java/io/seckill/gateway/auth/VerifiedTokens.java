package io.seckill.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * A bearer token verified once is not verified again on a shopper's next request: every
 * {@link ReactiveJwtDecoder} (shared secret or an issuer's keys) is wrapped with a cache of the tokens it
 * accepted, kept until the token expires and at most {@link #AT_MOST}. The profile showed decoding and
 * the HMAC check (a new {@code Mac} per token) on each of a purchase's two requests. A token is immutable
 * and signed, so the cached answer is the decoder's own; only its expiry is checked again, with the
 * decoder's 60 s clock skew. A rotated key is in force for every token within {@link #AT_MOST}. Failures
 * are never cached.
 */
@Component
class VerifiedTokens implements BeanPostProcessor {

    static final Duration AT_MOST = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_TOKENS = 100_000;

    private final ObjectProvider<Clock> clock;

    VerifiedTokens(ObjectProvider<Clock> clock) {
        this.clock = clock;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof Caching) ? new Caching(decoder, clock) : bean;
    }

    static final class Caching implements ReactiveJwtDecoder {

        private final ReactiveJwtDecoder decoder;
        private final ObjectProvider<Clock> clock;
        private final Cache<String, Jwt> verified;
        /** Looked up once: resolving a bean per request showed in the gateway's thread dumps. */
        private volatile Clock resolved;

        Caching(ReactiveJwtDecoder decoder, ObjectProvider<Clock> clock) {
            this.decoder = decoder;
            this.clock = clock;
            this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new Expiry<String, Jwt>() {
                @Override
                public long expireAfterCreate(String token, Jwt jwt, long now) {
                    Instant expires = jwt.getExpiresAt();
                    Duration left = expires == null ? AT_MOST : Duration.between(now(), expires.plus(CLOCK_SKEW));
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
        public Mono<Jwt> decode(String token) throws JwtException {
            Jwt known = verified.getIfPresent(token);
            if (known != null && (known.getExpiresAt() == null || now().isBefore(known.getExpiresAt().plus(CLOCK_SKEW)))) {
                return Mono.just(known);
            }
            return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }

        private Instant now() {
            Clock known = resolved;
            if (known == null) {
                known = clock.getIfAvailable(Clock::systemUTC);
                resolved = known;
            }
            return known.instant();
        }
    }
}
