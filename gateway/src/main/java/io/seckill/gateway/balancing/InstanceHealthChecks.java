package io.seckill.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code lb://} route balances across {@link ReadyInstances}: the service's instances whose readiness answered
 * 200 at the last check.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ReadyInstances.class)
class InstanceHealthChecks {
}
