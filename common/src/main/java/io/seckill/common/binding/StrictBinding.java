package io.seckill.common.binding;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * One binding policy for every service's JSON: a value is read only in the shape it is documented in.
 * Lenient Jackson sold a unit for {@code {"quantity":"1"}}, {@code 1.5} and {@code 1e0}, created a sale of 1
 * from {@code stock: 1.5}, read {@code startAt: 1700000000} as epoch seconds and ignored a {@code userId}
 * a client slipped in. Here: no string-to-scalar coercion, floats never integers, unknown properties
 * refused (events opt out with {@code @JsonIgnoreProperties(ignoreUnknown = true)}: a newer producer may
 * add fields), no key twice and nothing after the value, instants only as ISO-8601 strings within years 1970-9999. Decimals (money) may also be
 * decimal strings.
 */
public final class StrictBinding implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        apply(builder);
    }

    /** The policy on any builder, for mappers built outside Spring (tests, tools). */
    public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
        // A key twice ({"quantity":1,"quantity":9}) means what each parser on the way chooses: refused.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfigDefaults(coercions -> coercions
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // Money may be a decimal string ("9.90"), the usual way to keep it exact in JSON.
                .withCoercionConfig(BigDecimal.class, coercions -> coercions
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .addModule(new SimpleModule("strict-instants").addDeserializer(Instant.class, new StrictInstants()));
    }
}
