package io.seckill.gateway.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway accepts at all ({@code seckill.gateway.*}), refreshed live. Mutable on purpose:
 * Spring Cloud rebinds JavaBean properties on refresh, not records.
 */
@ConfigurationProperties("seckill.gateway")
public class EdgeProperties {

    /** Largest request body let through; a purchase is a few bytes, so anything big is refused with 413. */
    private DataSize maxBodySize = DataSize.ofKilobytes(16);

    /**
     * How long the door answers a sale's state alone (sold out, not started, paused, unknown) before it
     * lets a request through to seckill-service to ask again; signals clear it sooner.
     */
    private Duration saleStateRecheck = Duration.ofSeconds(1);

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Duration getSaleStateRecheck() {
        return saleStateRecheck;
    }

    public void setSaleStateRecheck(Duration saleStateRecheck) {
        this.saleStateRecheck = saleStateRecheck;
    }
}
