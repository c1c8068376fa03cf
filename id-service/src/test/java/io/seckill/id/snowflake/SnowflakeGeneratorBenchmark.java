package io.seckill.id.snowflake;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ids per second from one worker, in-process. The layout caps a worker at 4,096 ids per millisecond
 * (4.096 million/s): a generator at the cap spends its time waiting for the next millisecond.
 * Run by {@code ./seckill bench}; not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SnowflakeGeneratorBenchmark {

    private SnowflakeGenerator generator;

    @Setup
    public void grantAWorker() {
        generator = new SnowflakeGenerator(Clock.systemUTC(), System::nanoTime, 5, new SimpleMeterRegistry());
        generator.grant(new WorkerGrant(1, 0, SnowflakeLayout.MAX_TIMESTAMP,
                System.nanoTime() + Duration.ofHours(1).toNanos()));
    }

    @Benchmark
    public long singleIds() {
        return generator.nextId();
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long[] batchesOf1000() {
        return generator.nextIds(1000);
    }
}
