package io.seckill.order.placement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settlement settings ({@code seckill.settlement.*}), read at start-up.
 *
 * @param inventoryBaseUrl  inventory-service, whose stock holds take part in placement
 * @param globalTimeout     a placement's global transaction is rolled back by the TC after this
 */
@ConfigurationProperties("seckill.settlement")
public record SettlementProperties(String inventoryBaseUrl, Duration globalTimeout) {

    public SettlementProperties {
        inventoryBaseUrl = inventoryBaseUrl == null ? "http://127.0.0.1:8083" : inventoryBaseUrl;
        globalTimeout = globalTimeout == null ? Duration.ofSeconds(30) : globalTimeout;
    }
}
