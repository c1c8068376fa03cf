package io.seckill.gateway.auth;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs the development login's access tokens with the shared secret the gateway also checks them with. */
class TokenIssuer {

    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    IssuedToken issue(Identity identity) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.getIssuer())
                .subject(identity.userId())
                .issuedAt(now)
                .expiresAt(now.plus(properties.getTokenTtl()))
                .claim(properties.getRolesClaim(), identity.roles())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, "Bearer", properties.getTokenTtl().toSeconds(), identity.userId(), identity.roles());
    }

    /** What a login answers; {@code accessToken} goes in {@code Authorization: Bearer ...}. */
    record IssuedToken(String accessToken, String tokenType, long expiresIn, String userId, java.util.List<String> roles) {
    }
}
