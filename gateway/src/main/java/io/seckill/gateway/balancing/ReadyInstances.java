package io.seckill.gateway.balancing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instances of one service a route may send to: those of the static list (locally) or of Nacos (under the
 * {@code nacos} profile) whose readiness answered 200 at the last check, every
 * {@code spring.cloud.loadbalancer.health-check.interval}. Spring Cloud's own health-check configuration sends the
 * checks through Boot's observed WebClient: a span and a differently tagged {@code http.client.requests} series
 * per check, which made Prometheus drop the gateway's own client meter. A plain WebClient sends them here.
 * <p>
 * Registered in each service's load-balancer context by {@link InstanceHealthChecks}; not a @Configuration, so
 * neither scanning nor nesting puts it in the gateway's own context (it needs the service's name there).
 */
class ReadyInstances {

    @Bean
    ServiceInstanceListSupplier healthCheckedInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withHealthChecks(WebClient.create()).build(context);
    }
}
