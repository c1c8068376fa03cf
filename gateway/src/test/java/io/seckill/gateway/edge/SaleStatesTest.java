package io.seckill.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.event.SaleSignal;
import io.seckill.common.testsupport.MovableClock;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaleStatesTest {

    private final MovableClock clock = new MovableClock();
    private final EdgeProperties properties = new EdgeProperties();
    private final SaleStates states = new SaleStates(properties, clock, null);

    @BeforeEach
    void aMinuteOfRecheck() {
        properties.setSaleStateRecheck(Duration.ofMinutes(1));
        states.hearing(true);
    }

    @Test
    void aSoldOutSaleIsRefusedUntilAUnitComesBack() {
        states.learn(7, "SOLD_OUT");
        assertThat(states.refusalFor(7)).contains(ErrorCode.SOLD_OUT);

        states.hear(new SaleSignal(SaleSignal.Kind.STOCK_RETURNED, 7));

        assertThat(states.refusalFor(7)).isEmpty();
    }

    @Test
    void aStateIsRecheckedAfterThePeriodButAnEndedSaleIsNot() {
        states.learn(7, "PAUSED");
        states.learn(8, "ENDED");
        clock.shift(Duration.ofMinutes(1));

        assertThat(states.refusalFor(7)).isEmpty();
        assertThat(states.refusalFor(8)).contains(ErrorCode.ENDED);
    }

    /**
     * The anomaly of a gateway whose subscription died: it kept refusing a sale as sold out for the whole recheck
     * period while the unit that came back went unheard (EdgeRefusalIT's door stayed shut for a minute).
     */
    @Test
    void whileDeafToTheSignalsNoSaleIsRefusedAsSoldOutFromMemory() {
        states.learn(7, "SOLD_OUT");
        states.learn(8, "PAUSED");

        states.hearing(false);
        states.learn(9, "SOLD_OUT");

        assertThat(states.refusalFor(7)).isEmpty();
        assertThat(states.refusalFor(9)).isEmpty();
        assertThat(states.refusalFor(8)).as("an operator's pause is rechecked as usual").contains(ErrorCode.PAUSED);
    }

    /** Learned while deaf, then a unit returned unheard: subscribing again must not trust the old flag. */
    @Test
    void aFlagLearnedBeforeTheSubscriptionCameBackIsForgotten() {
        states.hearing(false);
        states.learn(7, "SOLD_OUT");

        states.hearing(true);

        assertThat(states.refusalFor(7)).isEmpty();
    }
}
