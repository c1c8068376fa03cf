package io.seckill.order.payment;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;

import org.springframework.stereotype.Service;

/** A shopper reads one of her orders; someone else's is answered exactly like a missing one (existence not revealed). */
@Service
class ReadingOwnOrder {

    private final OrderMapper orders;

    ReadingOwnOrder(OrderMapper orders) {
        this.orders = orders;
    }

    Order read(String userId, long orderId) {
        Order order = orders.selectById(orderId);
        if (order == null || !order.getUserId().equals(userId)) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No order " + orderId + " of yours.");
        }
        return order;
    }
}
