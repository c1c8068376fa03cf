package io.seckill.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The rules every token must pass, here without a decoder: in the gateway's issuer mode Boot's decoder applies them. */
class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-11T00:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "HS256").issuer("seckill-gateway").subject("alice")
                .issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plusSeconds(600));
    }

    @Test
    void aPlainTokenPasses() {
        assertThat(TokenRules.of("seckill-gateway", clock).validate(token().build()).hasErrors()).isFalse();
        assertThat(TokenRules.withoutIssuer(clock).validate(token().issuer("https://idp.example").build()).hasErrors()).isFalse();
    }

    /** Issue 16: a token without exp never expired; a sub with CR/LF became a header and a 500. */
    @Test
    void noExpiryAControlCharacterInTheSubjectOrAnotherIssuerFails() {
        Jwt neverExpires = Jwt.withTokenValue("t").header("alg", "HS256").issuer("seckill-gateway").subject("alice")
                .issuedAt(NOW.minusSeconds(10)).build();

        assertThat(TokenRules.withoutIssuer(clock).validate(neverExpires).hasErrors()).isTrue();
        assertThat(TokenRules.withoutIssuer(clock).validate(token().subject("alice\r\nX-User-Roles: OPERATOR").build()).hasErrors())
                .isTrue();
        assertThat(TokenRules.withoutIssuer(clock).validate(token().subject("x".repeat(65)).build()).hasErrors()).isTrue();
        assertThat(TokenRules.withoutIssuer(clock).validate(token().issuedAt(NOW.minusSeconds(7200)).expiresAt(NOW.minusSeconds(3600)).build()).hasErrors()).isTrue();
        assertThat(TokenRules.of("seckill-gateway", clock).validate(token().issuer("somebody-else").build()).hasErrors()).isTrue();
    }
}
