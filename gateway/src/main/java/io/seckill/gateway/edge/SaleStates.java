package io.seckill.gateway.edge;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.event.SaleSignal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * What this gateway instance knows of a sale from seckill-service: sold out, not started, ended, paused,
 * or unknown. Learned from seckill-service's refusals (their {@value SaleSignal#STATE_HEADER} header) and from
 * the {@link SaleSignal}s every seckill-service instance publishes; forgotten when units come back (a
 * cancellation, a failed order, a reconciliation repair) or the operator changes the sale, on every gateway
 * instance at once, and in any case after {@code seckill.gateway.sale-state-recheck} (an ended sale: after
 * {@link #ENDED_FOR}), so a lost signal costs one request to seckill-service per recheck, never a sale. While
 * this instance is not subscribed to the signals it refuses nothing as sold out from memory.
 */
@Component
public class SaleStates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SaleStates.class);
    /** An ended sale cannot reopen (there is no operation that extends one). */
    static final Duration ENDED_FOR = Duration.ofMinutes(10);
    /** Bounded: a crowd of made-up ids can cost memory only up to this. */
    private static final int MAX_SALES = 100_000;

    private final Cache<Long, Known> known = Caffeine.newBuilder().maximumSize(MAX_SALES)
            .expireAfterWrite(ENDED_FOR).build();
    private final EdgeProperties properties;
    private final Clock clock;
    private final ReactiveRedisConnectionFactory redis;
    private volatile Disposable subscription;
    /** Subscribed to the signals: only then can this instance hear a unit come back. */
    private volatile boolean hearing;

    SaleStates(EdgeProperties properties, Clock clock, ReactiveRedisConnectionFactory redis) {
        this.properties = properties;
        this.clock = clock;
        this.redis = redis;
    }

    /** A state seckill-service named for the sale ({@code SOLD_OUT}, {@code NOT_STARTED}, {@code ENDED}, {@code PAUSED}, {@code NOT_FOUND}). */
    record Known(ErrorCode refusal, long sinceMillis) {
    }

    /** The refusal every shopper of the sale gets now, if this instance knows one. */
    Optional<ErrorCode> refusalFor(long activityId) {
        Known state = known.getIfPresent(activityId);
        if (state == null) {
            return Optional.empty();
        }
        boolean deafToItsReturn = state.refusal() == ErrorCode.SOLD_OUT && !hearing;
        if (deafToItsReturn || (state.refusal() != ErrorCode.ENDED
                && clock.millis() - state.sinceMillis() >= properties.getSaleStateRecheck().toMillis())) {
            known.asMap().remove(activityId, state);
            return Optional.empty();
        }
        return Optional.of(state.refusal());
    }

    /** What a seckill-service refusal said of the sale (its header); anything else is ignored. */
    void learn(long activityId, String header) {
        ErrorCode refusal = switch (header) {
            case "SOLD_OUT" -> ErrorCode.SOLD_OUT;
            case "NOT_STARTED" -> ErrorCode.NOT_STARTED;
            case "ENDED" -> ErrorCode.ENDED;
            case "PAUSED" -> ErrorCode.PAUSED;
            case "NOT_FOUND" -> ErrorCode.NOT_FOUND;
            default -> null;
        };
        if (refusal != null) {
            known.put(activityId, new Known(refusal, clock.millis()));
        }
    }

    /**
     * While the subscription is down a returned unit goes unheard, so no sale is refused as sold out from
     * memory: every shopper is proxied (seckill-service's own flags still spare Redis) until it is back.
     */
    void hearing(boolean subscribed) {
        hearing = subscribed;
        // Either way a return may have gone unheard before now.
        known.asMap().values().removeIf(state -> state.refusal() == ErrorCode.SOLD_OUT);
    }

    void hear(SaleSignal signal) {
        switch (signal.kind()) {
            case SOLD_OUT -> known.put(signal.activityId(), new Known(ErrorCode.SOLD_OUT, clock.millis()));
            case STOCK_RETURNED -> known.asMap().computeIfPresent(signal.activityId(),
                    (id, state) -> state.refusal() == ErrorCode.SOLD_OUT ? null : state);
            case CHANGED -> known.invalidate(signal.activityId());
        }
    }

    @Override
    public void start() {
        // A fresh container per attempt: one whose connection was closed under it never subscribes again.
        subscription = Flux.defer(() -> {
                    ReactiveRedisMessageListenerContainer listeners = new ReactiveRedisMessageListenerContainer(redis);
                    return listeners.receiveLater(ChannelTopic.of(SaleSignal.CHANNEL))
                            .doOnNext(subscribed -> hearing(true))
                            .flatMapMany(messages -> messages)
                            .doFinally(ended -> {
                                hearing(false);
                                listeners.destroyLater().subscribe(done -> { }, failed -> { });
                            });
                })
                .doOnError(lost -> log.warn("Sale signals lost ({}); resubscribing",
                        NestedExceptionUtils.getMostSpecificCause(lost).toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe(message -> SaleSignal.decode(message.getMessage()).ifPresent(this::hear));
    }

    @Override
    public void stop() {
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
