package io.seckill.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/**
 * Issue 16: a token signed with the development secret packaged in the source was accepted by a stack
 * started the documented way, with no warning. Outside the explicit local profile that secret now stops
 * the service at start-up, naming the variable to set.
 */
class PackagedSecretsTest {

    private static final String PACKAGED = "local-development-secret-not-for-production-use";

    @Test
    void thePackagedSecretIsRefusedWithoutTheLocalProfile() {
        StandardEnvironment production = new StandardEnvironment();
        production.setActiveProfiles("nacos");

        assertThatThrownBy(() -> PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET", PACKAGED, production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SECKILL_JWT_SECRET")
                .hasMessageContaining("packaged in the source");
    }

    @Test
    void thePackagedSecretIsAllowedUnderTheLocalProfileOnly() {
        StandardEnvironment local = new StandardEnvironment();
        local.setActiveProfiles(PackagedSecrets.LOCAL_PROFILE);

        assertThat(PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET", PACKAGED, local)).hasSize(PACKAGED.length());
    }

    @Test
    void aShortOrMissingSecretIsRefusedEverywhere() {
        StandardEnvironment local = new StandardEnvironment();
        local.setActiveProfiles(PackagedSecrets.LOCAL_PROFILE);

        for (String weak : new String[] {null, "", "too-short-for-hs256"}) {
            assertThatThrownBy(() -> PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET", weak, local))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
        }
        assertThat(PackagedSecrets.require("seckill.auth.secret", "SECKILL_JWT_SECRET",
                "a-secret-of-this-stack-0123456789abcdef", new StandardEnvironment())).isNotEmpty();
    }
}
