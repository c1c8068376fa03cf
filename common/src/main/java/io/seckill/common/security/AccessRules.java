package io.seckill.common.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules, applied after the platform's ({@code /actuator}, {@code /internal} = SERVICE,
 * {@code /admin} = OPERATOR) and before the last ones ({@code /api/**} and everything else: any
 * authenticated caller). E.g. browsing the sales needs no login.
 */
@FunctionalInterface
public interface AccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);
}
