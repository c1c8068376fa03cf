package io.seckill.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * This service's identity on its calls to other services: a short-lived HS256 token signed with the
 * service key ({@code iss} = the services' issuer, {@code sub} = this service). One token serves every
 * call until half its life is gone, so signing costs nothing per call.
 */
public final class ServiceTokens {

    private final JwtEncoder encoder;
    private final Clock clock;
    private final String issuer;
    private final String name;
    private final Duration ttl;
    private volatile Signed current;

    ServiceTokens(JwtEncoder encoder, Clock clock, CallerProperties.Service service) {
        this.encoder = encoder;
        this.clock = clock;
        this.issuer = service.issuer();
        this.name = service.name();
        this.ttl = service.tokenTtl();
    }

    /** A valid token for the {@code Authorization: Bearer} header. */
    public String current() {
        Instant now = clock.instant();
        Signed known = current;
        if (known != null && now.isBefore(known.renewAt())) {
            return known.value();
        }
        synchronized (this) {
            known = current;
            if (known == null || !now.isBefore(known.renewAt())) {
                JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject(name)
                        .issuedAt(now).expiresAt(now.plus(ttl)).build();
                String value = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                        .getTokenValue();
                known = new Signed(value, now.plus(ttl.dividedBy(2)));
                current = known;
            }
            return known.value();
        }
    }

    private record Signed(String value, Instant renewAt) {
    }
}
