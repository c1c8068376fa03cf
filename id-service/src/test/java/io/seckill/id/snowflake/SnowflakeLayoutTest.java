package io.seckill.id.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SnowflakeLayoutTest {

    @Test
    void composeAndDecodeAreInverse() {
        long timestamp = SnowflakeLayout.timestampOf(Instant.parse("2026-11-25T02:30:00.123Z").toEpochMilli());
        long id = SnowflakeLayout.compose(timestamp, 1023, 4095);

        SnowflakeLayout.DecodedId decoded = SnowflakeLayout.decode(id);

        assertThat(id).isPositive();
        assertThat(decoded.time()).isEqualTo(Instant.parse("2026-11-25T02:30:00.123Z"));
        assertThat(decoded.workerId()).isEqualTo(1023);
        assertThat(decoded.sequence()).isEqualTo(4095);
    }

    /** uid-generator's default layout ran out in 2024: ours must last at least 69 years from its epoch. */
    @Test
    void theTimeFieldLastsAtLeast69Years() {
        Instant last = Instant.ofEpochMilli(SnowflakeLayout.EPOCH_MILLIS + SnowflakeLayout.MAX_TIMESTAMP);

        assertThat(last).isAfter(Instant.parse("2095-01-01T00:00:00Z"));
        assertThat(SnowflakeLayout.compose(SnowflakeLayout.MAX_TIMESTAMP, 1023, 4095)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> SnowflakeLayout.compose(0, 1024, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnowflakeLayout.compose(0, 0, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnowflakeLayout.compose(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnowflakeLayout.decode(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}
