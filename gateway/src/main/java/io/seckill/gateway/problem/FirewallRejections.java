package io.seckill.gateway.problem;

import io.seckill.common.error.ErrorCode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * Spring Security's firewall refuses paths that could be read differently here and in a service
 * (/../, encoded slashes, ;params): that is what keeps /api/activities/../../internal/... from reaching
 * an internal endpoint. Its refusal is answered as problem+json like every other gateway error
 * (Spring Security applies a handler bean of this type to its filter chain).
 */
@Configuration(proxyBeanMethods = false)
class FirewallRejections {

    @Bean
    ServerExchangeRejectedHandler problemJsonFirewallRejections(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, ErrorCode.VALIDATION_FAILED,
                "Request rejected: " + rejected.getMessage());
    }
}
