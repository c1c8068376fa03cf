package io.seckill.inventory.hold;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service API for order-service (not routed by the gateway). {@code POST /internal/holds}
 * is the TCC Try: it must carry the caller's global transaction id in the {@code TX_XID} header, which
 * Seata's HTTP interceptor binds before this runs; Confirm and Cancel then come from the TC.
 */
@RestController
@RequestMapping("/internal/holds")
class HoldController {

    private final HoldingStock holding;
    private final SettlingHolds settling;
    private final StockHoldMapper holds;

    HoldController(HoldingStock holding, SettlingHolds settling, StockHoldMapper holds) {
        this.holding = holding;
        this.settling = settling;
        this.holds = holds;
    }

    @PostMapping
    void tryHold(@Valid @RequestBody HoldRequest request) {
        if (org.apache.seata.core.context.RootContext.getXID() == null) {
            throw new io.seckill.common.error.ProblemException(io.seckill.common.error.ErrorCode.VALIDATION_FAILED,
                    "Freezing stock needs a global transaction (TX_XID header).");
        }
        holding.tryHold(request.orderId(), request.activityId(), request.quantity());
    }

    @PostMapping("/{orderId}/sell")
    StockHoldMapper.StockHold sell(@PathVariable long orderId) {
        return settling.sell(orderId);
    }

    @PostMapping("/{orderId}/release")
    StockHoldMapper.StockHold release(@PathVariable long orderId) {
        return settling.release(orderId);
    }

    @PostMapping("/{orderId}/reserve-again")
    StockHoldMapper.StockHold reserveAgain(@PathVariable long orderId) {
        return settling.reserveAgain(orderId);
    }

    @GetMapping("/{orderId}")
    StockHoldMapper.StockHold read(@PathVariable long orderId) {
        StockHoldMapper.StockHold hold = holds.find(orderId);
        if (hold == null) {
            throw new io.seckill.common.error.ProblemException(io.seckill.common.error.ErrorCode.NOT_FOUND,
                    "No stock is held for order " + orderId + ".");
        }
        return hold;
    }

    record HoldRequest(@Min(1) long orderId, @Min(1) long activityId, @Min(1) @Max(100) int quantity) {
    }
}
