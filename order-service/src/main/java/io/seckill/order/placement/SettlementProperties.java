package io.seckill.order.placement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Placement settings ({@code seckill.settlement.*}), read at start-up.
 *
 * @param globalTimeout a placement's global transaction is rolled back by the TC after this
 */
@ConfigurationProperties("seckill.settlement")
public record SettlementProperties(Duration globalTimeout) {

    public SettlementProperties {
        globalTimeout = globalTimeout == null ? Duration.ofSeconds(30) : globalTimeout;
    }
}
