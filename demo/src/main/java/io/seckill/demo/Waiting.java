package io.seckill.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** The demo's and the bench's waits: a pause, a moment, and a condition the stack may answer late or not at all. */
public final class Waiting {

    private Waiting() {
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until a little after {@code moment} (a sale's opening: the first request then finds it open). */
    public static void sleepUntil(Instant moment) {
        Duration wait = Duration.between(Instant.now(), moment);
        if (!wait.isNegative()) {
            sleep(wait.plusMillis(200));
        }
    }

    /**
     * Asks {@code condition} every {@code every} until it holds ({@code true}) or {@code patience} runs out
     * ({@code false}); a store that fails to answer (busy, or restarting under chaos) is asked again.
     */
    public static boolean until(BooleanSupplier condition, Duration patience, Duration every) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException notAnsweringNow) {
                // ask again
            }
            sleep(every);
        }
        return false;
    }
}
