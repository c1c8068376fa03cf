package io.seckill.order.payment;

import io.seckill.order.orders.Order;

import java.math.BigDecimal;
import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shoppers read and pay their own orders; the user is the subject of the bearer token this service verified. */
@RestController
@RequestMapping("/api/orders/{orderId:[1-9]\\d*}")
class OrderController {

    private final PayingForOrder paying;
    private final ReadingOwnOrder reading;

    OrderController(PayingForOrder paying, ReadingOwnOrder reading) {
        this.paying = paying;
        this.reading = reading;
    }

    @GetMapping
    OrderView read(Principal shopper, @PathVariable long orderId) {
        return OrderView.of(reading.read(shopper.getName(), orderId));
    }

    @PostMapping("/payment")
    OrderView pay(Principal shopper, @PathVariable long orderId) {
        return OrderView.of(paying.pay(shopper.getName(), orderId));
    }

    record OrderView(String orderId, String activityId, int quantity, BigDecimal unitPrice, String status) {
        static OrderView of(Order order) {
            return new OrderView(Long.toString(order.getOrderId()), Long.toString(order.getActivityId()),
                    order.getQuantity(), order.getUnitPrice(), order.getStatus().name());
        }
    }
}
