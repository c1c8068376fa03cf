package io.seckill.common.event;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is known at one instance about a sale and must reach every other — every seckill-service and every
 * gateway instance — over Redis pub/sub on {@link #CHANNEL}: it is {@link Kind#SOLD_OUT} (refuse at memory
 * speed), its {@link Kind#STOCK_RETURNED} (units are on sale again: clear sold-out flags), or it was
 * {@link Kind#CHANGED} by its operator (paused, resumed, ended, repaired: forget what you knew of it). Every
 * flag these set also lapses after a short recheck, so a lost message costs one request to the next hop,
 * never a sale.
 */
public record SaleSignal(Kind kind, long activityId) {

    public static final String CHANNEL = "sk:sale-signals";

    /**
     * seckill-service names the sale's state on a refusal it answered from it (SOLD_OUT, NOT_STARTED, ENDED,
     * PAUSED, NOT_FOUND), so the gateway can answer the next ones itself without asking again.
     */
    public static final String STATE_HEADER = "X-Seckill-Sale-State";

    private static final Pattern MESSAGE = Pattern.compile("(SOLD_OUT|STOCK_RETURNED|CHANGED) ([1-9][0-9]{0,18})");

    public enum Kind {
        SOLD_OUT,
        STOCK_RETURNED,
        CHANGED
    }

    public String encode() {
        return kind.name() + " " + activityId;
    }

    /** The signal a message carries; empty for anything else on the channel (never an exception in a listener). */
    public static Optional<SaleSignal> decode(String message) {
        Matcher matcher = message == null ? null : MESSAGE.matcher(message);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SaleSignal(Kind.valueOf(matcher.group(1)), Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}
