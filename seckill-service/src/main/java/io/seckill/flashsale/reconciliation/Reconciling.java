package io.seckill.flashsale.reconciliation;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.activity.ActivityMapper;
import io.seckill.flashsale.activity.ActivityStatus;
import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleScripts;
import io.seckill.flashsale.stock.SoldOutFlags;
import io.seckill.flashsale.stock.StockLedgerClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.redisson.api.RFencedLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Compares, per activity, the Redis counter plus the requests in flight plus the live orders with the
 * ledger of record, exports the drift ({@code seckill.reconciliation.drift{activity}}) and, in repair
 * mode, resets a quiescent activity's Redis counter to the ledger's available units. One runner at a
 * time (a Redisson fenced lock); every write it makes carries the lock's fencing token and is refused
 * in Redis if a newer runner has written since, so a runner paused past its lease cannot undo a newer run.
 */
@Service
public class Reconciling {

    private static final Logger log = LoggerFactory.getLogger(Reconciling.class);
    private static final String LOCK = "sk:{reconciliation}:lock";
    private static final String FENCE = "sk:{reconciliation}:fence";
    private static final String LAST_REPORT = "sk:{reconciliation}:last";

    private final ActivityMapper activities;
    private final RedissonClient redisson;
    private final SaleScripts scripts;
    private final StockLedgerClient ledger;
    private final SoldOutFlags flags;
    private final RestClient orders;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<Long, AtomicLong> drift = new ConcurrentHashMap<>();

    Reconciling(ActivityMapper activities, RedissonClient redisson, SaleScripts scripts, StockLedgerClient ledger,
            SoldOutFlags flags, RestClient.Builder http, ReconciliationProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.activities = activities;
        this.redisson = redisson;
        this.scripts = scripts;
        this.ledger = ledger;
        this.flags = flags;
        this.orders = http.baseUrl(properties.orderBaseUrl()).build();
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    public ReconciliationReport run(boolean repair) {
        RFencedLock lock = redisson.getFencedLock(LOCK);
        Long token = lock.tryLockAndGetToken(0, 5, TimeUnit.MINUTES);
        if (token == null) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "A reconciliation is already running.");
        }
        try {
            List<ReconciliationReport.ActivityDrift> results = new ArrayList<>();
            for (Activity activity : activities.selectList(new LambdaQueryWrapper<Activity>()
                    .ne(Activity::getStatus, ActivityStatus.DRAFT))) {
                if (redisson.getBucket(new SaleKeys(activity.getActivityId()).stock(), StringCodec.INSTANCE).isExists()) {
                    results.add(reconcile(activity, repair, token));
                }
            }
            ReconciliationReport report = new ReconciliationReport(token, clock.instant(), repair, results);
            if (!scripts.fencedSet(FENCE, LAST_REPORT, token, json.writeValueAsString(report))) {
                log.warn("Reconciliation report with fencing token {} refused: a newer run has written", token);
            }
            return report;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public ReconciliationReport last() {
        String report = redisson.<String>getBucket(LAST_REPORT, StringCodec.INSTANCE).get();
        if (report == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No reconciliation has run yet.");
        }
        return json.readValue(report, ReconciliationReport.class);
    }

    /** A write with a stale fencing token is refused (exposed for the fencing test). */
    boolean fencedRepair(long activityId, long token, long units) {
        SaleKeys keys = new SaleKeys(activityId);
        return scripts.fencedSet(keys.reconciliationFence(), keys.stock(), token, Long.toString(units));
    }

    private ReconciliationReport.ActivityDrift reconcile(Activity activity, boolean repair, long token) {
        long activityId = activity.getActivityId();
        SaleKeys keys = new SaleKeys(activityId);
        long remaining = Long.parseLong(redisson.<String>getBucket(keys.stock(), StringCodec.INSTANCE).get());
        long backlog = redisson.getStream(keys.requests(), StringCodec.INSTANCE).size();
        Map<String, Number> units = orderUnits(activityId);
        long pending = units.getOrDefault("PENDING", 0).longValue();
        long created = units.getOrDefault("CREATED", 0).longValue();
        long paid = units.getOrDefault("PAID", 0).longValue();
        StockLedgerClient.LedgerView record = ledger.read(activityId);

        long unitsDrift = activity.getStock() - (remaining + backlog + pending + created + paid);
        drift.computeIfAbsent(activityId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("seckill.reconciliation.drift", value, AtomicLong::get).tag("activity", Long.toString(id))
                    .description("Units neither on sale, in flight, nor held by a live order").register(meters);
            return value;
        }).set(unitsDrift);
        boolean quiescent = backlog == 0 && pending == 0 && record.frozen() == 0 && record.reserved() == created
                && record.sold() == paid;
        boolean matches = remaining == record.available();
        String action = "none";
        if (repair && !matches) {
            if (!quiescent) {
                action = "skipped: requests or placements in flight";
            } else if (fencedRepair(activityId, token, record.available())) {
                action = "redis counter " + remaining + " -> " + record.available();
                log.warn("Reconciliation repaired activity {}: Redis remaining {} -> ledger available {}", activityId,
                        remaining, record.available());
                remaining = record.available();
                flags.announceChanged(activityId); // units may be on sale again: every flag of it goes
                unitsDrift = activity.getStock() - (remaining + backlog + pending + created + paid);
                drift.get(activityId).set(unitsDrift);
            } else {
                action = "refused: a newer reconciliation has written";
            }
        }
        return new ReconciliationReport.ActivityDrift(Long.toString(activityId), activity.getStock(), remaining, backlog,
                pending, created, paid, record.available(), record.frozen(), record.reserved(), record.sold(), unitsDrift,
                quiescent, remaining == record.available(), action);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Number> orderUnits(long activityId) {
        try {
            return orders.get().uri("/internal/orders/activities/{id}/units", activityId).retrieve().body(Map.class);
        } catch (RuntimeException e) {
            throw new ProblemException(ErrorCode.UNAVAILABLE, "order-service could not be read: " + e.getMessage());
        }
    }
}
