package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.apache.seata.core.context.RootContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service API for order-service (not routed by the gateway). {@code POST /internal/holds/groups}
 * is the TCC Try for a group of orders of one sale: it must carry the caller's global transaction id in the
 * {@code TX_XID} header, which Seata's HTTP interceptor binds before this runs; Confirm and Cancel then come
 * from the TC. Releasing and reserving again take the orders of a timeout group.
 */
@RestController
@RequestMapping("/internal/holds")
class HoldController {

    static final int MAX_GROUP = 1_000;

    private final HoldingStock holding;
    private final SettlingHolds settling;

    HoldController(HoldingStock holding, SettlingHolds settling) {
        this.holding = holding;
        this.settling = settling;
    }

    @PostMapping("/groups")
    void tryHold(@Valid @RequestBody HoldGroup group) {
        if (RootContext.getXID() == null) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "Freezing stock needs a global transaction (TX_XID header).");
        }
        List<HoldingStock.Hold> orders = group.holds().stream().map(hold -> new HoldingStock.Hold(hold.orderId(), hold.quantity()))
                .toList();
        holding.tryHold(group.activityId(), orders.stream().mapToInt(HoldingStock.Hold::quantity).sum(), orders);
    }

    @PostMapping("/{orderId}/sell")
    StockHoldMapper.StockHold sell(@PathVariable long orderId) {
        return settling.sell(orderId);
    }

    @PostMapping("/release")
    List<StockHoldMapper.Units> release(@Valid @RequestBody Orders orders) {
        return settling.release(orders.orderIds());
    }

    @PostMapping("/reserve-again")
    List<StockHoldMapper.Units> reserveAgain(@Valid @RequestBody Orders orders) {
        return settling.reserveAgain(orders.orderIds());
    }

    @GetMapping("/{orderId}")
    StockHoldMapper.StockHold read(@PathVariable long orderId) {
        return settling.held(orderId);
    }

    record HoldGroup(@Min(1) long activityId, @NotEmpty @Size(max = MAX_GROUP) List<@Valid @NotNull OrderHold> holds) {
    }

    record OrderHold(@Min(1) long orderId, @Min(1) @Max(100) int quantity) {
    }

    record Orders(@NotEmpty @Size(max = MAX_GROUP) List<@NotNull @Min(1) Long> orderIds) {
    }
}
