package io.seckill.common.security;

import java.time.Clock;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A servlet decoder that verifies each token once ({@link RememberedTokens}). */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final RememberedTokens remembered;

    VerifiedTokenCache(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.remembered = new RememberedTokens(clock::instant);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = remembered.known(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        remembered.remember(token, jwt);
        return jwt;
    }
}
