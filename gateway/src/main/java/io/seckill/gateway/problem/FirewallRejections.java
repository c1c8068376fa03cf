package io.seckill.gateway.problem;

import io.seckill.common.error.ErrorCode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.WebFilterChainProxy;

/**
 * Spring Security's firewall refuses paths that could be read differently here and in a service
 * (/../, encoded slashes, ;params): that is what keeps /api/activities/../../internal/... from reaching
 * an internal endpoint. Its refusal is answered as problem+json like every other gateway error.
 */
@Configuration(proxyBeanMethods = false)
class FirewallRejections {

    @Bean
    static BeanPostProcessor problemJsonFirewallRejections(ObjectProvider<ProblemResponses> problems) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setExchangeRejectedHandler((exchange, rejected) -> problems.getObject().write(exchange,
                            ErrorCode.VALIDATION_FAILED, "Request rejected: " + rejected.getMessage()));
                }
                return bean;
            }
        };
    }
}
