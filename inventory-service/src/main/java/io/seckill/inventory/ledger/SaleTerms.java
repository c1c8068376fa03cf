package io.seckill.inventory.ledger;

import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What seckill-service publishes of a sale when it opens the ledger: its stock, and the terms every request
 * for it must meet (requested inside {@code [startAt, endAt)}, at most {@code perUserLimit} units), which
 * order-service checks before it places a request read from Kafka.
 */
public record SaleTerms(@Min(1) @Max(10_000_000) int total, @Min(1) @Max(10_000_000) int perUserLimit,
        @NotNull Instant startAt, @NotNull Instant endAt) {

    @AssertTrue(message = "endAt must be after startAt")
    boolean isWindowOpenForAMoment() {
        return startAt == null || endAt == null || endAt.isAfter(startAt);
    }
}
