package io.seckill.inventory.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Service-to-service API (not routed by the gateway): seckill-service opens ledgers when it publishes. */
@RestController
@RequestMapping("/internal/ledgers/{activityId}")
class LedgerController {

    private final OpeningLedger opening;

    LedgerController(OpeningLedger opening) {
        this.opening = opening;
    }

    @PutMapping
    LedgerView open(@PathVariable long activityId, @Valid @RequestBody OpenLedger request) {
        return LedgerView.of(opening.open(activityId, request.total()));
    }

    @GetMapping
    LedgerView read(@PathVariable long activityId) {
        return LedgerView.of(opening.read(activityId));
    }

    record OpenLedger(@Min(1) @Max(10_000_000) int total) {
    }

    record LedgerView(String activityId, int total, int available, int frozen, int reserved, int sold) {

        static LedgerView of(StockLedger ledger) {
            return new LedgerView(Long.toString(ledger.getActivityId()), ledger.getTotal(), ledger.getAvailable(),
                    ledger.getFrozen(), ledger.getReserved(), ledger.getSold());
        }
    }
}
