package io.seckill.gateway.auth;

import io.seckill.common.security.RememberedTokens;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * A bearer token verified once is not verified again on a shopper's next request: every
 * {@link ReactiveJwtDecoder} (shared secret or an issuer's keys) is wrapped with common's
 * {@link RememberedTokens}, the same policy the services' decoders use. The profile showed decoding and
 * the HMAC check (a new {@code Mac} per token) on each of a purchase's two requests.
 */
@Component
class VerifiedTokens implements BeanPostProcessor {

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
        private final RememberedTokens remembered = new RememberedTokens(this::now);
        /** Looked up once: resolving a bean per request showed in the gateway's thread dumps. */
        private volatile Clock resolved;

        Caching(ReactiveJwtDecoder decoder, ObjectProvider<Clock> clock) {
            this.decoder = decoder;
            this.clock = clock;
        }

        @Override
        public Mono<Jwt> decode(String token) throws JwtException {
            Jwt known = remembered.known(token);
            if (known != null) {
                return Mono.just(known);
            }
            return decoder.decode(token).doOnNext(jwt -> remembered.remember(token, jwt));
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
