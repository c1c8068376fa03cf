package io.seckill.order.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One span per placed group. A batch listener gets no consumer span per record, so the group's span
 * continues the trace of its first request (the trace of a lone purchase thus runs on into inventory's
 * Try) and names the traces of the others in a tag: Zipkin has no span links, which is how Brave shows them.
 */
@Component
class PlacementSpans {

    private static final int NAMED_TRACES = 16;

    private final Tracer tracer;
    private final Propagator propagator;

    /** Without tracing (tests, tracing switched off) both are no-ops. */
    PlacementSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    Span start(long activityId, List<ConsumerRecord<String, String>> records) {
        Span.Builder builder = records.isEmpty() ? tracer.spanBuilder()
                : propagator.extract(records.get(0), PlacementSpans::header);
        List<String> others = new ArrayList<>();
        for (int i = 1; i < records.size() && others.size() < NAMED_TRACES; i++) {
            String traceparent = header(records.get(i), "traceparent");
            if (traceparent != null) {
                others.add(traceparent);
            }
        }
        if (!others.isEmpty()) {
            builder.tagOfStrings("seckill.group.traceparents", others);
        }
        return builder.name("place orders").tag("seckill.activity", activityId).tag("seckill.group.orders", records.size())
                .start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
