package io.seckill.common.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What every token must satisfy, at the gateway and in each service: unexpired by the injected clock,
 * an {@code exp} at all (a token without one would never expire), the expected {@code iss}, and a
 * subject that is a plain id — it becomes a header, a log field and a Redis key, so CR/LF or a
 * megabyte of text in {@code sub} is an invalid token (401), never a 500.
 */
public final class TokenRules {

    /** Letters, digits and {@code . _ @ : + -}, at most 64: what user names, e-mails and UUIDs need. */
    public static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:+-]{1,64}");

    private TokenRules() {
    }

    public static OAuth2TokenValidator<Jwt> of(String issuer, Clock clock) {
        return new DelegatingOAuth2TokenValidator<>(withoutIssuer(clock), new JwtIssuerValidator(issuer));
    }

    /** The same without the issuer check, where the decoder checks {@code iss} itself (Boot's issuer-uri decoder). */
    public static OAuth2TokenValidator<Jwt> withoutIssuer(Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && SUBJECT.matcher(subject).matches()));
    }
}
