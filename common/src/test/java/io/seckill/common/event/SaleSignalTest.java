package io.seckill.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A signal survives the channel; anything else on it is ignored rather than thrown at a listener. */
class SaleSignalTest {

    @Test
    void aSignalDecodesToItself() {
        for (SaleSignal.Kind kind : SaleSignal.Kind.values()) {
            SaleSignal signal = new SaleSignal(kind, 121489328278016000L);
            assertThat(SaleSignal.decode(signal.encode())).contains(signal);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SOLD_OUT", "SOLD_OUT x", "SOLD_OUT 042", "SOLD_OUT 99999999999999999999", "PANIC 1",
            "sold_out 1", "SOLD_OUT 1 2"})
    void anythingElseIsIgnored(String message) {
        assertThat(SaleSignal.decode(message)).isEmpty();
    }
}
