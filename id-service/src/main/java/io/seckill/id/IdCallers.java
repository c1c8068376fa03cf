package io.seckill.id;

import io.seckill.common.security.AccessRules;
import io.seckill.common.security.Roles;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Ids are for the platform's services (and operators checking them), never for shoppers. */
@Component
class IdCallers implements AccessRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/ids/**").hasAnyRole(Roles.SERVICE, Roles.OPERATOR);
    }
}
