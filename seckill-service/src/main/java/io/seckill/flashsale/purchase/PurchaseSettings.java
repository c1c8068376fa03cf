package io.seckill.flashsale.purchase;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operators' purchase settings ({@code seckill.purchase.*}), refreshed live from
 * config/seckill-service.yaml or Nacos. A mutable bean on purpose: Spring Cloud rebinds JavaBean
 * properties on refresh, not records.
 */
@ConfigurationProperties("seckill.purchase")
public class PurchaseSettings {

    /** Global buy switch: off, every purchase is refused as PAUSED while browsing keeps working. */
    private boolean enabled = true;

    /** How long a purchase token stays valid after it is issued. */
    private Duration tokenTtl = Duration.ofSeconds(30);

    /** How the check-and-decrement runs: one Lua script (default), or under a Redisson lock (for comparison). */
    private Strategy strategy = Strategy.LUA;

    /** How long a local sold-out flag answers alone before Redis is asked again (it is also cleared by pub/sub). */
    private Duration soldOutRecheck = Duration.ofSeconds(1);

    public enum Strategy {
        LUA,
        REDISSON_LOCK
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public Strategy getStrategy() {
        return strategy;
    }

    public void setStrategy(Strategy strategy) {
        this.strategy = strategy;
    }

    public Duration getSoldOutRecheck() {
        return soldOutRecheck;
    }

    public void setSoldOutRecheck(Duration soldOutRecheck) {
        this.soldOutRecheck = soldOutRecheck;
    }
}
