package io.seckill.order.placement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's hold on placement ({@code seckill.settlement.placement-paused}), live: while it is on,
 * order-service consumes no purchase requests; they wait on Kafka (nothing is lost, the consumer lag
 * grows) and are placed once it is off again. For maintenance of the order or inventory database, and
 * for the benchmark, which measures the purchase path with settlement held. A mutable bean on purpose:
 * Spring Cloud rebinds JavaBean properties on refresh.
 */
@ConfigurationProperties("seckill.settlement")
public class PlacementHold {

    private volatile boolean placementPaused;

    public boolean isPlacementPaused() {
        return placementPaused;
    }

    public void setPlacementPaused(boolean placementPaused) {
        this.placementPaused = placementPaused;
    }
}
