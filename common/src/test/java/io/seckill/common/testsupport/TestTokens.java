package io.seckill.common.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Bearer tokens as the gateway's login and the services sign them, with the packaged development
 * secrets that services accept under the {@code local} profile (the ITs' profile). Tests of one service
 * call it as the gateway would forward a shopper's or operator's call, or as another service.
 */
public final class TestTokens {

    public static final String USER_SECRET = "local-development-secret-not-for-production-use";
    public static final String SERVICE_SECRET = "local-development-service-secret-not-for-production-use";
    public static final String USER_ISSUER = "seckill-gateway";
    public static final String SERVICE_ISSUER = "seckill-services";

    private TestTokens() {
    }

    /** Longer than any clock a test moves forward (ITs shift service clocks by hours), so a token outlives it. */
    private static final Duration LIFE = Duration.ofDays(2);

    public static String shopper(String userId) {
        return user(userId, List.of("SHOPPER"));
    }

    public static String operator() {
        return user("operator", List.of("OPERATOR"));
    }

    public static String user(String userId, List<String> roles) {
        return sign(USER_SECRET, Map.of("iss", USER_ISSUER, "sub", userId, "roles", roles), LIFE);
    }

    public static String service(String name) {
        return sign(SERVICE_SECRET, Map.of("iss", SERVICE_ISSUER, "sub", name), LIFE);
    }

    /** Any claims, signed with {@code secret}; {@code life} null: no exp claim at all. */
    public static String sign(String secret, Map<String, Object> claims, Duration life) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder().issuedAt(now);
        claims.forEach(builder::claim);
        if (life != null) {
            builder.expiresAt(now.plus(life));
        }
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), builder.build()))
                .getTokenValue();
    }

    /** The Authorization header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
