package io.seckill.flashsale.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reconciliation ({@code seckill.reconciliation.*}), read at start-up.
 *
 * @param orderBaseUrl order-service, which reports units per order status
 */
@ConfigurationProperties("seckill.reconciliation")
public record ReconciliationProperties(String orderBaseUrl) {

    public ReconciliationProperties {
        orderBaseUrl = orderBaseUrl == null ? "http://127.0.0.1:8082" : orderBaseUrl;
    }
}
