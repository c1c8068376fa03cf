package io.seckill.flashsale.sale;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries a purchase's trace across the Redis stream, where no instrumentation reaches: the purchase
 * script stores the request's W3C {@code traceparent} in the stream entry, and the relay continues that
 * trace with its own span around the Kafka publish (whose observation then puts the header on the
 * record). So one purchase is one trace from the gateway to order- and inventory-service.
 */
@Component
public class RequestTracing {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    RequestTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The current request's {@code traceparent}, or "" when it is not traced. */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return "";
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.getOrDefault(TRACEPARENT, "");
    }

    /** Runs {@code publish} inside a span continuing the request's trace (or untraced, when it has none). */
    public <T> T continuing(RequestEntry entry, Supplier<T> publish) {
        String traceparent = entry.traceparent();
        if (traceparent == null || traceparent.isEmpty()) {
            return publish.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get)
                .name("relay order-request").kind(Span.Kind.CONSUMER)
                .tag("seckill.activity", Long.toString(entry.activityId())).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return publish.get();
        } finally {
            span.end();
        }
    }
}
