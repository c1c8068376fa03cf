package io.seckill.flashsale.activity;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.stock.SoldOutFlags;
import io.seckill.flashsale.stock.StockLedgerClient;
import io.seckill.flashsale.stock.WarmingUp;
import io.seckill.ids.client.SnowflakeIdClient;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The operator's use cases: create a sale, publish it (ledger opened in inventory-service, then
 * warmed into Redis), pause, resume and end it. Every state change is a conditional update from
 * the state the operator acted on; publishing twice is harmless.
 */
@Service
public class ManagingActivities {

    private static final Logger log = LoggerFactory.getLogger(ManagingActivities.class);

    private final ActivityMapper activities;
    private final ActivityCatalog catalog;
    private final StockLedgerClient ledger;
    private final WarmingUp warmingUp;
    private final SoldOutFlags flags;
    private final SnowflakeIdClient ids;
    private final Clock clock;

    ManagingActivities(ActivityMapper activities, ActivityCatalog catalog, StockLedgerClient ledger,
            WarmingUp warmingUp, SoldOutFlags flags, SnowflakeIdClient ids, Clock clock) {
        this.activities = activities;
        this.catalog = catalog;
        this.ledger = ledger;
        this.warmingUp = warmingUp;
        this.flags = flags;
        this.ids = ids;
        this.clock = clock;
    }

    public Activity create(NewActivity definition) {
        Activity activity = new Activity();
        activity.setActivityId(ids.nextId());
        activity.setSku(definition.sku());
        activity.setTitle(definition.title());
        activity.setPrice(definition.price());
        activity.setStock(definition.stock());
        activity.setPerUserLimit(definition.perUserLimit());
        // Whole seconds: what MySQL keeps of a time sent by mysql-connector-j to MariaDB 10.x.
        activity.setStartAt(definition.startAt().truncatedTo(ChronoUnit.SECONDS));
        activity.setEndAt(definition.endAt().truncatedTo(ChronoUnit.SECONDS));
        activity.setStatus(ActivityStatus.DRAFT);
        activities.insert(activity);
        return activity;
    }

    public Activity publish(long activityId) {
        Activity activity = catalog.any(activityId);
        if (activity.getStatus() == ActivityStatus.DRAFT) {
            ledger.open(activity.definition());
            if (activities.transition(activityId, ActivityStatus.DRAFT, ActivityStatus.PUBLISHED) == 0) {
                activity = catalog.any(activityId);
                requireNot(activity, ActivityStatus.DRAFT, "publish");
            } else {
                activity.setStatus(ActivityStatus.PUBLISHED);
            }
        }
        requireNot(activity, ActivityStatus.ENDED, "publish");
        warmingUp.warmUp(activity.definition());
        forgetEverywhere(activityId);
        return activity;
    }

    public Activity pause(long activityId) {
        move(activityId, ActivityStatus.PUBLISHED, ActivityStatus.PAUSED);
        warmingUp.updateWindow(activityId, true, null);
        return forgetAndRead(activityId);
    }

    public Activity resume(long activityId) {
        move(activityId, ActivityStatus.PAUSED, ActivityStatus.PUBLISHED);
        warmingUp.updateWindow(activityId, false, null);
        return forgetAndRead(activityId);
    }

    /**
     * Ends the sale now: purchases are refused as ENDED from this moment, and the ledger's window closes at the
     * same instant (order-service refuses a record stamped later). Shoppers are stopped by Redis whatever
     * inventory says: if the ledger cannot be told, its scheduled end still bounds the window, and a WARN says so.
     */
    public Activity end(long activityId) {
        Activity activity = catalog.any(activityId);
        if (activity.getStatus() != ActivityStatus.ENDED) {
            move(activityId, activity.getStatus(), ActivityStatus.ENDED);
            long endedAt = clock.millis();
            warmingUp.updateWindow(activityId, false, endedAt);
            if (activity.getStatus() != ActivityStatus.DRAFT) {
                endLedger(activityId, Instant.ofEpochMilli(endedAt));
            }
        }
        return forgetAndRead(activityId);
    }

    private void endLedger(long activityId, Instant endedAt) {
        try {
            ledger.end(activityId, endedAt);
        } catch (ProblemException unavailable) {
            log.warn("Activity {} ended at {}, but its ledger keeps the scheduled end: {}", activityId, endedAt,
                    unavailable.getMessage());
        }
    }

    private void move(long activityId, ActivityStatus from, ActivityStatus to) {
        if (activities.transition(activityId, from, to) == 0) {
            Activity current = catalog.any(activityId);
            throw new ProblemException(ErrorCode.INVALID_STATE, "Activity " + activityId + " is "
                    + current.getStatus() + "; only a " + from + " activity can become " + to + ".");
        }
    }

    private Activity forgetAndRead(long activityId) {
        forgetEverywhere(activityId);
        return catalog.any(activityId);
    }

    /** What any instance or gateway remembers of the sale (sold out, paused, ended, unknown) no longer holds. */
    private void forgetEverywhere(long activityId) {
        catalog.forget(activityId);
        flags.announceChanged(activityId);
    }

    private static void requireNot(Activity activity, ActivityStatus status, String action) {
        if (activity.getStatus() == status) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "Cannot " + action + " activity "
                    + activity.getActivityId() + ": it is " + status + ".");
        }
    }
}
