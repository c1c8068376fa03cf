package io.seckill.flashsale.activity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An operator's definition of a flash sale, validated at the edge. Window times are whole seconds. */
public record NewActivity(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 200) String title,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Min(1) @Max(10_000_000) int stock,
        @NotNull Instant startAt,
        @NotNull Instant endAt,
        @Min(1) @Max(100) int perUserLimit) {

    @AssertTrue(message = "endAt must be after startAt")
    public boolean isWindowValid() {
        return startAt == null || endAt == null || endAt.isAfter(startAt);
    }
}
