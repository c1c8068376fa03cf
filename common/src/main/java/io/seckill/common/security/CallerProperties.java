package io.seckill.common.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a servlet service verifies who calls it ({@code seckill.auth.*}, read at start-up).
 *
 * @param mode       shared-secret: shopper and operator tokens are HS256 with {@code secret} (local, demo);
 *                   issuer: an external issuer's keys, found from {@code issuer} (its discovery document)
 * @param secret     HMAC key of the gateway's login tokens, at least 32 bytes (SECKILL_JWT_SECRET)
 * @param issuer     the {@code iss} every shopper or operator token must carry
 * @param rolesClaim the claim listing a user's roles (SHOPPER, OPERATOR)
 * @param service    the service identity: what this service signs its own calls with, and checks others' with
 */
@ConfigurationProperties("seckill.auth")
public record CallerProperties(Mode mode, String secret, String issuer, String rolesClaim, Service service) {

    public enum Mode {
        SHARED_SECRET,
        ISSUER
    }

    public CallerProperties {
        mode = mode == null ? Mode.SHARED_SECRET : mode;
        issuer = issuer == null || issuer.isBlank() ? "seckill-gateway" : issuer;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        service = service == null ? new Service(null, null, null, null) : service;
    }

    /**
     * @param secret   HMAC key every service signs and checks service tokens with, at least 32 bytes
     *                 (SECKILL_SERVICE_SECRET); never the shoppers' key, so a leaked login key mints no service
     * @param issuer   the {@code iss} of service tokens; must differ from the users' issuer
     * @param name     the {@code sub} this service signs as (its application name)
     * @param tokenTtl how long a service token is valid; a new one is signed when half of it is gone
     */
    public record Service(String secret, String issuer, String name, Duration tokenTtl) {

        public Service {
            issuer = issuer == null || issuer.isBlank() ? "seckill-services" : issuer;
            tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
        }
    }
}
