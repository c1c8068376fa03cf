package io.seckill.flashsale.purchase;

import io.seckill.common.error.ProblemException;
import io.seckill.common.event.SaleSignal;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityCatalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hidden path: a purchase needs a one-time token bound to the shopper and the sale, issued only while
 * the sale is open and valid for a short time. The token is signed, not stored ({@link TokenSigner}, with
 * the key every instance shares: {@code seckill.purchase.token-secret}), so issuing one costs no Redis write;
 * the purchase script marks it used in the same atomic step as the purchase, so each token buys once.
 */
@Component
public class PurchaseTokens {

    /** The used-mark outlives the token by this much, for the clocks of instances that disagree a little. */
    static final long CLOCK_MARGIN_MILLIS = 5_000;

    private final ActivityCatalog catalog;
    private final OpenForPurchase open;
    private final PurchaseSettings settings;
    private final Clock clock;
    private final TokenSigner signer;

    PurchaseTokens(ActivityCatalog catalog, OpenForPurchase open, PurchaseSettings settings, Clock clock,
            @Value("${seckill.purchase.token-secret}") String secret) {
        this.catalog = catalog;
        this.open = open;
        this.settings = settings;
        this.clock = clock;
        this.signer = new TokenSigner(secret);
    }

    /** A token for the shopper and sale; a closed sale is refused naming its state (which the gateway remembers). */
    public IssuedToken issue(String userId, long activityId) {
        Activity activity = catalog.visible(activityId);
        Instant now = clock.instant();
        SaleState state = open.stateOf(activity, now);
        if (state != SaleState.OPEN) {
            throw refusal(state, activity);
        }
        Instant expiresAt = now.plus(settings.getTokenTtl());
        String token = signer.sign(userId, activityId, expiresAt.toEpochMilli());
        return new IssuedToken(token, expiresAt, "/api/activities/" + activityId + "/purchases/" + token);
    }

    /** The token's nonce and how long to mark it used, if it is this shopper's for this sale and still valid. */
    Optional<UsableToken> verify(String token, String userId, long activityId, long nowMillis) {
        return signer.verify(token, userId, activityId).filter(signed -> nowMillis < signed.expiresAtMillis())
                .map(signed -> new UsableToken(signed.nonce(), signed.expiresAtMillis() - nowMillis + CLOCK_MARGIN_MILLIS));
    }

    /** A closed sale's refusal, naming the sale's state for the gateway. */
    static ProblemException refusal(SaleState state, Activity activity) {
        String detail = switch (state) {
            case NOT_STARTED -> "The sale starts at " + activity.getStartAt() + ".";
            case ENDED -> "The sale has ended.";
            case PAUSED -> "The sale is paused.";
            default -> "Sold out.";
        };
        return new ProblemException(state.refusal(), detail).withHeader(SaleSignal.STATE_HEADER, state.name());
    }

    /** A token as issued: where to buy with it, until when. */
    public record IssuedToken(String token, Instant expiresAt, String purchasePath) {
    }

    /** A verified token: its nonce, to be marked used for {@code markForMillis}. */
    record UsableToken(String nonce, long markForMillis) {
    }
}
