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
    private final Clock clock;
    // Read once, like the decoder's issuer check and roles mapping: a live edit must not mint tokens
    // the running gateway would then refuse.
    private final String issuer;
    private final String rolesClaim;
    private final java.time.Duration ttl;

    TokenIssuer(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
        this.issuer = properties.getIssuer();
        this.rolesClaim = properties.getRolesClaim();
        this.ttl = properties.getTokenTtl();
    }

    IssuedToken issue(Identity identity) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(identity.userId())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim(rolesClaim, identity.roles())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, "Bearer", ttl.toSeconds(), identity.userId(), identity.roles());
    }

    /** What a login answers; {@code accessToken} goes in {@code Authorization: Bearer ...}. */
    record IssuedToken(String accessToken, String tokenType, long expiresIn, String userId, java.util.List<String> roles) {
    }
}
