package io.seckill.common.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.common.event.OrderRequested;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Issue 16's lenient bodies, each of which once sold a unit or created a sale: refused by the one policy. */
class StrictBindingTest {

    record Command(int quantity, Instant startAt) {
    }

    record Priced(java.math.BigDecimal price) {
    }

    private final JsonMapper json = StrictBinding.apply(JsonMapper.builder()).build();

    @ParameterizedTest
    @ValueSource(strings = {"{\"quantity\":\"1\"}", "{\"quantity\":1.5}", "{\"quantity\":1e0}", "{\"quantity\":1.0}",
            "{\"quantity\":1,\"userId\":\"bob\"}", "{\"quantity\":null}", "{\"quantity\":true}", "{\"quantity\":\"\"}",
            "{\"quantity\":1,\"startAt\":1700000000}", "{\"quantity\":1,\"startAt\":\"+10000-01-01T00:00:00Z\"}",
            "{\"quantity\":1,\"startAt\":\"1969-12-31T23:59:59Z\"}", "{\"quantity\":1,\"startAt\":\"2026-11-11\"}",
            "{\"quantity\":1,\"quantity\":1}", "{\"quantity\":1}{\"quantity\":1}", "{\"quantity\":1} trailing"})
    void aValueInAnyButItsDocumentedShapeIsRefused(String body) {
        assertThatThrownBy(() -> json.readValue(body, Command.class)).as(body).isInstanceOf(tools.jackson.core.JacksonException.class);
    }

    @Test
    void theDocumentedShapesAreRead() {
        assertThat(json.readValue("{\"quantity\":2,\"startAt\":\"2026-11-11T00:00:00+08:00\"}", Command.class))
                .isEqualTo(new Command(2, Instant.parse("2026-11-10T16:00:00Z")));
    }

    @Test
    void moneyIsADecimalNumberOrADecimalString() {
        assertThat(json.readValue("{\"price\":\"9.90\"}", Priced.class).price()).isEqualByComparingTo("9.90");
        assertThat(json.readValue("{\"price\":9.90}", Priced.class).price()).isEqualByComparingTo("9.90");
        assertThatThrownBy(() -> json.readValue("{\"price\":\"cheap\"}", Priced.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }

    /** Events are not commands: a newer producer's extra field is ignored, not a poison record. */
    @Test
    void anEventWithAFieldFromANewerProducerIsStillRead() {
        String event = "{\"eventId\":\"7f2c1a9e-4a43-4c8e-9d7e-1f0a3b5c6d7e\",\"type\":\"OrderRequested\","
                + "\"occurredAt\":\"2026-11-11T00:00:00Z\",\"version\":1,\"orderId\":5,\"userId\":\"alice\",\"activityId\":7,"
                + "\"quantity\":1,\"unitPrice\":9.90,\"requestedAt\":\"2026-11-11T00:00:00Z\",\"channel\":\"app\"}";

        assertThat(json.readValue(event, OrderRequested.class).orderId()).isEqualTo(5);
    }
}
