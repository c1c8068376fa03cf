package io.seckill.id.segment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One tag's double buffer (Leaf-segment style): ids come from the current segment while the next one
 * is fetched in the background once the current is 10% used, so a caller normally never waits on the
 * database. Ids within a tag increase; a restart skips the unused rest of a segment, never reuses it.
 */
final class SegmentBuffer {

    /** Start fetching the next segment once this share of the current one is used. */
    private static final double PREFETCH_AT_USED = 0.1;
    private static final long FETCH_WAIT_SECONDS = 10;

    private final Supplier<SegmentRange> fetcher;
    private final Executor loader;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private SegmentRange current;
    private CompletableFuture<SegmentRange> next;

    SegmentBuffer(Supplier<SegmentRange> fetcher, Executor loader) {
        this.fetcher = fetcher;
        this.loader = loader;
    }

    long[] take(int count) {
        long[] ids = new long[count];
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                if (current == null || current.remaining() == 0) {
                    current = nextSegment();
                }
                ids[i] = current.take();
                if (next == null && current.remaining() < current.size() * (1 - PREFETCH_AT_USED)) {
                    next = CompletableFuture.supplyAsync(fetcher, loader);
                }
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    private SegmentRange nextSegment() {
        CompletableFuture<SegmentRange> pending = next;
        next = null;
        if (pending == null) {
            return fetcher.get();
        }
        try {
            return pending.get(FETCH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an id segment", e);
        } catch (Exception e) {
            // The prefetch failed (database blip): fetch again in the caller, which reports a real error.
            return fetcher.get();
        }
    }
}
