package io.seckill.common.security;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The development secrets are in the source, so anyone can sign a token a stack using them accepts:
 * they are allowed only under the explicit {@value #LOCAL_PROFILE} profile (tests, a throwaway run).
 * {@code ./seckill up} writes per-stack secrets to {@code .stack/secrets.env} instead.
 */
public final class PackagedSecrets {

    public static final String LOCAL_PROFILE = "local";
    /** The values in the packaged application.yaml files; never accepted outside the local profile. */
    static final Set<String> PACKAGED = Set.of(
            "local-development-secret-not-for-production-use",
            "local-development-service-secret-not-for-production-use");

    private static final Logger log = LoggerFactory.getLogger(PackagedSecrets.class);

    private PackagedSecrets() {
    }

    /** The secret's bytes as an HMAC key; refuses a short one, and a packaged one outside the local profile. */
    public static byte[] require(String property, String variable, String secret, Environment environment) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(property + " (" + variable + ") must be set to at least 32 bytes for"
                    + " HS256 tokens (./seckill up generates one under .stack/secrets.env).");
        }
        if (PACKAGED.contains(secret)) {
            if (!environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
                throw new IllegalStateException(property + " is the development secret packaged in the source:"
                        + " anyone could sign tokens this service accepts. Set " + variable + " to a secret of your"
                        + " own (./seckill up writes one to .stack/secrets.env; compose and k8s read it from the"
                        + " environment / a Secret), or start with the explicit profile --spring.profiles.active="
                        + LOCAL_PROFILE + " for a throwaway local run.");
            }
            log.warn("{} is the packaged development secret (allowed under the '{}' profile only)", property, LOCAL_PROFILE);
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
