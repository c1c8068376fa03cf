package io.seckill.order.payment;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;

import java.math.BigDecimal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shoppers read and pay their orders; the user is the gateway's authenticated {@code X-User-Id}. */
@RestController
@RequestMapping("/api/orders/{orderId}")
class OrderController {

    private static final String USER_HEADER = "X-User-Id";

    private final PayingForOrder paying;
    private final OrderMapper orders;

    OrderController(PayingForOrder paying, OrderMapper orders) {
        this.paying = paying;
        this.orders = orders;
    }

    @GetMapping
    OrderView read(@RequestHeader(name = USER_HEADER, required = false) String userId, @PathVariable long orderId) {
        Order order = orders.selectById(orderId);
        if (order == null || !order.getUserId().equals(authenticated(userId))) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No order " + orderId + " of yours.");
        }
        return OrderView.of(order);
    }

    @PostMapping("/payment")
    OrderView pay(@RequestHeader(name = USER_HEADER, required = false) String userId, @PathVariable long orderId) {
        return OrderView.of(paying.pay(authenticated(userId), orderId));
    }

    private static String authenticated(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "No authenticated user (the gateway sets " + USER_HEADER + ").");
        }
        return userId;
    }

    record OrderView(String orderId, String activityId, int quantity, BigDecimal unitPrice, String status) {
        static OrderView of(Order order) {
            return new OrderView(Long.toString(order.getOrderId()), Long.toString(order.getActivityId()),
                    order.getQuantity(), order.getUnitPrice(), order.getStatus().name());
        }
    }
}
