package io.seckill.flashsale.activity;

import io.seckill.common.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Anyone may look at the sales (the storefront, the gateway learning a sale's state); buying needs a token. */
@Component
class BrowsingIsOpen implements AccessRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/api/activities", "/api/activities/{activityId}").permitAll();
    }
}
