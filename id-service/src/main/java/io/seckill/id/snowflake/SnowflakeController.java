package io.seckill.id.snowflake;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Snowflake ids over HTTP. Ids travel as JSON strings: a 64-bit id does not fit a JavaScript number
 * exactly, and a browser showing an order id must see the same digits the database holds.
 */
@RestController
@RequestMapping("/api/ids/snowflake")
class SnowflakeController {

    static final int MAX_BATCH = 10_000;

    private final SnowflakeGenerator generator;

    SnowflakeController(SnowflakeGenerator generator) {
        this.generator = generator;
    }

    @GetMapping
    SnowflakeIds issue(@RequestParam(defaultValue = "1") @Min(1) @Max(MAX_BATCH) int count) {
        return new SnowflakeIds(Arrays.stream(generator.nextIds(count)).mapToObj(Long::toString).toList());
    }

    @GetMapping("/{id}")
    Decoded decode(@PathVariable @Min(0) long id) {
        SnowflakeLayout.DecodedId decoded = SnowflakeLayout.decode(id);
        return new Decoded(Long.toString(id), decoded.time(), decoded.workerId(), decoded.sequence());
    }

    record SnowflakeIds(List<String> ids) {
    }

    record Decoded(String id, Instant time, int workerId, int sequence) {
    }
}
