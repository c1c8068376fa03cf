package io.seckill.flashsale.sale;

import io.seckill.common.event.SaleSignal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@link SaleSignal}s over Redis pub/sub: published by this instance, heard from every instance (this one
 * included) and by every gateway. Listeners run on Redisson's pub/sub thread: they only flip flags.
 */
@Component
public class SaleSignals implements SmartLifecycle {

    private final RTopic topic;
    private final List<Consumer<SaleSignal>> listeners = new CopyOnWriteArrayList<>();
    private volatile int subscription = -1;

    SaleSignals(RedissonClient redisson) {
        this.topic = redisson.getTopic(SaleSignal.CHANNEL, StringCodec.INSTANCE);
    }

    public void publish(SaleSignal.Kind kind, long activityId) {
        topic.publish(new SaleSignal(kind, activityId).encode());
    }

    public void listen(Consumer<SaleSignal> listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        subscription = topic.addListener(String.class, (channel, message) ->
                SaleSignal.decode(message).ifPresent(signal -> listeners.forEach(listener -> listener.accept(signal))));
    }

    @Override
    public void stop() {
        if (subscription != -1) {
            topic.removeListener(subscription);
            subscription = -1;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != -1;
    }
}
