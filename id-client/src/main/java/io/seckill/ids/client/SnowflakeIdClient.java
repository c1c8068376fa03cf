package io.seckill.ids.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;

/**
 * Snowflake ids from id-service, buffered: {@link #nextId()} takes from memory and never waits on the
 * network. The buffer holds two batches; when it drops below one, a background thread fetches another,
 * so it is refilled long before it runs dry. If id-service is unreachable the buffer drains, the
 * refiller retries with backoff, and once empty {@code nextId()} fails at once with a clear error.
 */
public class SnowflakeIdClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeIdClient.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final RestClient http;
    private final String baseUrl;
    private final int batchSize;
    private final ArrayBlockingQueue<Long> buffer;
    private final ScheduledExecutorService refiller;
    private final AtomicBoolean refillPending = new AtomicBoolean();
    private final Counter refills;
    private final Counter refillFailures;
    private volatile String lastFailure = "none yet";
    private volatile long backoffMillis = 100;

    public SnowflakeIdClient(RestClient.Builder http, String baseUrl, int batchSize, MeterRegistry meters) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1..10000 (id-service's limit): " + batchSize);
        }
        this.http = http.baseUrl(baseUrl).build();
        this.baseUrl = baseUrl;
        this.batchSize = batchSize;
        this.buffer = new ArrayBlockingQueue<>(2 * batchSize);
        this.refiller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snowflake-id-refill");
            thread.setDaemon(true);
            return thread;
        });
        this.refills = Counter.builder("ids.client.refills").tag("outcome", "success").register(meters);
        this.refillFailures = Counter.builder("ids.client.refills").tag("outcome", "failure").register(meters);
        Gauge.builder("ids.client.buffered", buffer, ArrayBlockingQueue::size)
                .description("Ids fetched from id-service and not yet used").register(meters);
        requestRefill(0);
    }

    /** An id from the buffer; throws {@link IdsUnavailableException} at once when none is left. */
    public long nextId() {
        Long id = buffer.poll();
        if (buffer.size() < batchSize) {
            requestRefill(0);
        }
        if (id == null) {
            throw new IdsUnavailableException("No id is buffered and id-service at " + baseUrl
                    + " has not delivered more (last failure: " + lastFailure + ").");
        }
        return id;
    }

    /** Waits (at start-up, not per purchase) until the first batch has arrived. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public int buffered() {
        return buffer.size();
    }

    private void requestRefill(long delayMillis) {
        if (refillPending.compareAndSet(false, true)) {
            refiller.schedule(this::refill, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void refill() {
        try {
            while (buffer.remainingCapacity() >= batchSize) {
                for (long id : fetchBatch()) {
                    buffer.offer(id);
                }
                refills.increment();
            }
            backoffMillis = 100;
            refillPending.set(false);
        } catch (RuntimeException e) {
            refillFailures.increment();
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Could not fetch ids from {} ({} buffered); retrying in {} ms: {}", baseUrl, buffer.size(),
                    backoffMillis, lastFailure);
            long retryIn = backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            refillPending.set(false);
            requestRefill(retryIn);
        }
    }

    private long[] fetchBatch() {
        SnowflakeIds answer = http.get().uri("/api/ids/snowflake?count={count}", batchSize).retrieve()
                .body(SnowflakeIds.class);
        if (answer == null || answer.ids() == null || answer.ids().size() != batchSize) {
            throw new IllegalStateException("id-service answered without " + batchSize + " ids");
        }
        return answer.ids().stream().mapToLong(Long::parseLong).toArray();
    }

    @Override
    public void close() {
        refiller.shutdownNow();
    }

    // An answer, not a command: a newer service may add fields, which this reader ignores.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SnowflakeIds(List<String> ids) {
    }
}
