package io.seckill.common.binding;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * An instant only as an ISO-8601 string ({@code 2026-11-11T00:00:00Z}), in years 1970-9999: a number is
 * refused (it was read as epoch seconds), and so is a year the database cannot hold (year 10000 was a 500
 * from a truncated column).
 */
final class StrictInstants extends StdScalarDeserializer<Instant> {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    StrictInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getString().trim();
        Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notIso) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant with an offset");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return (Instant) context.handleWeirdStringValue(Instant.class, text, "outside years 1970-9999");
        }
        return instant;
    }
}
