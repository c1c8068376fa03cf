package io.seckill.flashsale.purchase;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' global switch for buying, {@code seckill.purchase.enabled}: off, every purchase is
 * refused as paused while browsing keeps working. Refreshed live from config/seckill-service.yaml or
 * Nacos. A mutable bean on purpose: Spring Cloud rebinds JavaBean properties on refresh, not records.
 */
@ConfigurationProperties("seckill.purchase")
public class PurchaseSwitch {

    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
