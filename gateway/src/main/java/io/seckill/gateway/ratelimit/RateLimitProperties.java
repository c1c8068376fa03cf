package io.seckill.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's token buckets ({@code seckill.gateway.rate-limits.*}), refreshed live: a changed rate
 * applies to the next request. Mutable on purpose: Spring Cloud rebinds JavaBeans, not records.
 */
@Validated
@ConfigurationProperties("seckill.gateway.rate-limits")
public class RateLimitProperties {

    /** Off: no bucket is consulted (the purchase path still refuses what it must). */
    private boolean enabled = true;

    /** Every /api and /auth request, keyed by client address. */
    @Valid
    private Limit perIp = new Limit(50, 100);

    /** Every authenticated /api request, keyed by user id. */
    @Valid
    private Limit perUser = new Limit(10, 20);

    /** Purchases (POST /api/activities/{id}/purchases/{token}), one bucket per activity for all shoppers. */
    @Valid
    private Limit perActivity = new Limit(5000, 10000);

    /** CIDRs of the proxies in front of the gateway whose X-Forwarded-For is believed; empty: none is. */
    private List<String> trustedProxies = new ArrayList<>();

    /** At most this many X-Forwarded-For entries are walked back through trusted proxies. */
    @Min(1)
    @Max(5)
    private int maxTrustedHops = 1;

    public static class Limit {

        /** Tokens added per second: the sustained rate. */
        @Min(1)
        private int replenishRate;

        /** Bucket size: the burst allowed on top of the sustained rate. */
        @Min(1)
        private int burstCapacity;

        public Limit() {
        }

        public Limit(int replenishRate, int burstCapacity) {
            this.replenishRate = replenishRate;
            this.burstCapacity = burstCapacity;
        }

        public int getReplenishRate() {
            return replenishRate;
        }

        public void setReplenishRate(int replenishRate) {
            this.replenishRate = replenishRate;
        }

        public int getBurstCapacity() {
            return burstCapacity;
        }

        public void setBurstCapacity(int burstCapacity) {
            this.burstCapacity = burstCapacity;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Limit getPerIp() {
        return perIp;
    }

    public void setPerIp(Limit perIp) {
        this.perIp = perIp;
    }

    public Limit getPerUser() {
        return perUser;
    }

    public void setPerUser(Limit perUser) {
        this.perUser = perUser;
    }

    public Limit getPerActivity() {
        return perActivity;
    }

    public void setPerActivity(Limit perActivity) {
        this.perActivity = perActivity;
    }

    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public int getMaxTrustedHops() {
        return maxTrustedHops;
    }

    public void setMaxTrustedHops(int maxTrustedHops) {
        this.maxTrustedHops = maxTrustedHops;
    }
}
