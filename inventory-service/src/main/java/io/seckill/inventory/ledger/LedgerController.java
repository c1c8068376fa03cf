package io.seckill.inventory.ledger;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service API (not routed by the gateway): seckill-service opens a ledger when it publishes a
 * sale and ends it when an operator ends the sale early; order-service reads the terms.
 */
@RestController
@RequestMapping("/internal/ledgers/{activityId}")
class LedgerController {

    private final OpeningLedger opening;

    LedgerController(OpeningLedger opening) {
        this.opening = opening;
    }

    @PutMapping
    LedgerView open(@PathVariable long activityId, @Valid @RequestBody SaleTerms terms) {
        return LedgerView.of(opening.open(activityId, terms));
    }

    /** seckill-service ended the sale early: the window closes at {@code endedAt}. */
    @PostMapping("/end")
    LedgerView end(@PathVariable long activityId, @Valid @RequestBody EndSale request) {
        return LedgerView.of(opening.end(activityId, request.endedAt()));
    }

    @GetMapping
    LedgerView read(@PathVariable long activityId) {
        return LedgerView.of(opening.read(activityId));
    }

    record EndSale(@NotNull Instant endedAt) {
    }

    /** The stock by bucket and the sale's terms (null for a ledger opened before they were kept). */
    record LedgerView(String activityId, int total, int available, int frozen, int reserved, int sold,
            Integer perUserLimit, Instant startAt, Instant endAt) {

        static LedgerView of(StockLedger ledger) {
            return new LedgerView(Long.toString(ledger.getActivityId()), ledger.getTotal(), ledger.getAvailable(),
                    ledger.getFrozen(), ledger.getReserved(), ledger.getSold(), ledger.getPerUserLimit(),
                    ledger.getStartAt(), ledger.getEndAt());
        }
    }
}
