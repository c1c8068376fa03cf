package io.seckill.order.placement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies {@link PlacementHold} to the placement listener: pauses its consumers (they keep their
 * partitions and heartbeat, so no rebalance) or resumes them. Compared every half second rather than on
 * the refresh event, so the outcome does not depend on the order in which refresh listeners run.
 */
@Component
class HoldingPlacement {

    private static final Logger log = LoggerFactory.getLogger(HoldingPlacement.class);

    private final PlacementHold hold;
    private final KafkaListenerEndpointRegistry listeners;

    HoldingPlacement(PlacementHold hold, KafkaListenerEndpointRegistry listeners) {
        this.hold = hold;
        this.listeners = listeners;
    }

    @Scheduled(fixedDelay = 500)
    void apply() {
        MessageListenerContainer placement = listeners.getListenerContainer(OrderRequestListener.ID);
        if (placement == null) {
            return;
        }
        boolean wanted = hold.isPlacementPaused();
        if (wanted && !placement.isPauseRequested()) {
            placement.pause();
            log.warn("Placement held by the operator (seckill.settlement.placement-paused): requests wait on Kafka");
        } else if (!wanted && placement.isPauseRequested()) {
            placement.resume();
            log.info("Placement resumed");
        }
    }
}
