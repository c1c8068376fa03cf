package io.seckill.flashsale.stock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sale settings read at start-up ({@code seckill.sale.*}).
 *
 * @param inventoryBaseUrl inventory-service, where publishing opens the ledger of record
 * @param warmUpLead       published activities starting within this are loaded into Redis
 */
@ConfigurationProperties("seckill.sale")
public record SaleProperties(String inventoryBaseUrl, Duration warmUpLead) {

    public SaleProperties {
        inventoryBaseUrl = inventoryBaseUrl == null ? "http://127.0.0.1:8083" : inventoryBaseUrl;
        warmUpLead = warmUpLead == null ? Duration.ofMinutes(10) : warmUpLead;
    }
}
