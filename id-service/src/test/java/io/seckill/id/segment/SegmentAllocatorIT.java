package io.seckill.id.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Segment mode against the real table: dense, unique under concurrency, and never reused after a restart. */
@RequiresStack(StackServer.MYSQL)
@SpringBootTest
class SegmentAllocatorIT {

    @Autowired
    IdSegmentMapper segments;

    @Autowired
    SegmentStore store;

    @Test
    void idsAreUniqueAcrossThreadsAndARestartNeverReusesThem() throws Exception {
        String tag = "it-" + UUID.randomUUID().toString().substring(0, 8);
        segments.insert(new IdSegment(tag, 0, 100, "segment IT"));

        SegmentAllocator beforeRestart = new SegmentAllocator(store, new SimpleMeterRegistry());
        long[] first = takeConcurrently(beforeRestart, tag, 8, 1_000);
        beforeRestart.destroy();

        SegmentAllocator afterRestart = new SegmentAllocator(store, new SimpleMeterRegistry());
        long[] second = afterRestart.next(tag, 500);
        afterRestart.destroy();

        assertThat(Arrays.stream(first).distinct().count()).isEqualTo(first.length);
        assertThat(Arrays.stream(first).min().getAsLong()).isEqualTo(1);
        assertThat(Arrays.stream(second).min().getAsLong()).isGreaterThan(Arrays.stream(first).max().getAsLong());
        for (int i = 1; i < second.length; i++) {
            assertThat(second[i]).as("increasing within a tag").isGreaterThan(second[i - 1]);
        }
        segments.deleteById(tag);
    }

    private static long[] takeConcurrently(SegmentAllocator allocator, String tag, int threads, int perThread)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(() -> {
                long[] mine = new long[perThread];
                for (int i = 0; i < perThread; i += 10) {
                    System.arraycopy(allocator.next(tag, 10), 0, mine, i, 10);
                }
                return mine;
            }));
        }
        long[] all = new long[threads * perThread];
        for (int t = 0; t < threads; t++) {
            System.arraycopy(parts.get(t).get(60, TimeUnit.SECONDS), 0, all, t * perThread, perThread);
        }
        pool.shutdown();
        return all;
    }
}
