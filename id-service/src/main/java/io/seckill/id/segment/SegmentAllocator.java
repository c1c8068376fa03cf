package io.seckill.id.segment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Dense sequential ids per business tag, each tag with its own double buffer. */
@Component
public class SegmentAllocator implements DisposableBean {

    private final SegmentStore store;
    private final Map<String, SegmentBuffer> buffers = new ConcurrentHashMap<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "id-segment-prefetch");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter issued;

    SegmentAllocator(SegmentStore store, MeterRegistry meters) {
        this.store = store;
        this.issued = Counter.builder("ids.issued").tag("kind", "segment").description("Ids handed out").register(meters);
    }

    public long[] next(String tag, int count) {
        long[] ids = buffers.computeIfAbsent(tag, t -> new SegmentBuffer(() -> store.fetch(t), loader)).take(count);
        issued.increment(count);
        return ids;
    }

    @Override
    public void destroy() {
        loader.shutdownNow();
    }
}
