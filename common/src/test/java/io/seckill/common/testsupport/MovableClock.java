package io.seckill.common.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time flowing, shifted by an offset a test moves: a clock that steps back (Snowflake's guard),
 * or jumps past a sale's end. Inject it where the services take a {@link Clock}.
 */
public final class MovableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    public void shift(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock runs in UTC");
    }
}
