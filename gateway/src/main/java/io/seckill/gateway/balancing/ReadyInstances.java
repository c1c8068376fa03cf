package io.seckill.gateway.balancing;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

/**
 * The instances of one service a route may send to: those of the static list (locally) or of Nacos (under the
 * {@code nacos} profile) whose readiness answered 200 within the last check, every
 * {@code spring.cloud.loadbalancer.health-check.interval}; and when none did, all of them. In a flash crowd on a
 * saturated host a live instance misses its check (the demo's only live seckill-service did, and 2,693 purchases
 * were refused "no servers available"): a slow instance is better than none, and a refused connection to a dead one
 * is retried elsewhere by the route.
 * <p>
 * Spring Cloud's own health-check configuration would send the checks through Boot's observed WebClient: a span and a
 * differently tagged {@code http.client.requests} series per check, which made Prometheus drop the gateway's own
 * client meter. A plain WebClient sends them here. Registered in each service's load-balancer context by
 * {@link InstanceHealthChecks}; not a @Configuration, so neither scanning nor nesting puts it in the gateway's own
 * context (it needs the service's name there).
 */
class ReadyInstances {

    @Bean
    ServiceInstanceListSupplier healthCheckedInstances(ConfigurableApplicationContext context) {
        ServiceInstanceListSupplier ready = ServiceInstanceListSupplier.builder().withDiscoveryClient()
                .withHealthChecks(WebClient.create()).build(context);
        ServiceInstanceListSupplier all = ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context);
        return new AllWhenNoneReady(ready, all);
    }

    static final class AllWhenNoneReady extends DelegatingServiceInstanceListSupplier {

        private final ServiceInstanceListSupplier all;

        AllWhenNoneReady(ServiceInstanceListSupplier ready, ServiceInstanceListSupplier all) {
            super(ready);
            this.all = all;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().switchMap(ready -> ready.isEmpty() ? all.get().take(1) : Flux.just(ready));
        }
    }
}
