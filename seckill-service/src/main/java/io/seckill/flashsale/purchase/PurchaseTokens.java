package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityCatalog;
import io.seckill.flashsale.activity.ActivityStatus;
import io.seckill.flashsale.stock.SaleKeys;
import io.seckill.flashsale.stock.SoldOutFlags;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * The hidden path: a purchase needs a one-time token bound to the user and the activity, issued only
 * while the sale is open and valid for a short time. The purchase script consumes it atomically.
 */
@Component
public class PurchaseTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final ActivityCatalog catalog;
    private final SoldOutFlags soldOut;
    private final PurchaseSettings settings;
    private final RedissonClient redisson;
    private final Clock clock;

    PurchaseTokens(ActivityCatalog catalog, SoldOutFlags soldOut, PurchaseSettings settings, RedissonClient redisson,
            Clock clock) {
        this.catalog = catalog;
        this.soldOut = soldOut;
        this.settings = settings;
        this.redisson = redisson;
        this.clock = clock;
    }

    public IssuedToken issue(String userId, long activityId) {
        Activity activity = catalog.visible(activityId);
        Instant now = clock.instant();
        if (!settings.isEnabled() || activity.getStatus() == ActivityStatus.PAUSED) {
            throw new ProblemException(ErrorCode.PAUSED, "The sale is paused.");
        }
        if (activity.getStatus() == ActivityStatus.ENDED || !now.isBefore(activity.getEndAt())) {
            throw new ProblemException(ErrorCode.ENDED, "The sale has ended.");
        }
        if (now.isBefore(activity.getStartAt())) {
            throw new ProblemException(ErrorCode.NOT_STARTED, "The sale starts at " + activity.getStartAt() + ".");
        }
        if (soldOut.isSoldOut(activityId)) {
            throw new ProblemException(ErrorCode.SOLD_OUT, "Sold out.");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        redisson.getBucket(new SaleKeys(activityId).token(token), StringCodec.INSTANCE).set(userId, settings.getTokenTtl());
        return new IssuedToken(token, now.plus(settings.getTokenTtl()),
                "/api/activities/" + activityId + "/purchases/" + token);
    }

    /** A token as issued: 22 URL-safe characters. Anything else cannot be one. */
    static boolean looksLikeAToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    public record IssuedToken(String token, Instant expiresAt, String purchasePath) {
    }
}
