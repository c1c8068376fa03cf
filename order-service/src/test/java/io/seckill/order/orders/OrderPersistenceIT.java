package io.seckill.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.order.OrderStack;

import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/** MyBatis-Plus against the real orders schema; the primary key is what makes a replayed request a no-op. */
class OrderPersistenceIT extends OrderStack {

    @Autowired
    OrderMapper orders;

    @Test
    void writesAndReadsAnOrder() {
        long orderId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        orders.insert(new Order(orderId, "shopper-1", 42, 1, new BigDecimal("99.90"), OrderStatus.CREATED));

        Order read = orders.selectById(orderId);

        assertThat(read.getUserId()).isEqualTo("shopper-1");
        assertThat(read.getActivityId()).isEqualTo(42);
        assertThat(read.getUnitPrice()).isEqualByComparingTo("99.90");
        assertThat(read.getStatus()).isEqualTo(OrderStatus.CREATED);
        orders.deleteById(orderId);
    }

    @Test
    void aSecondOrderWithTheSameIdIsRefused() {
        long orderId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        orders.insert(new Order(orderId, "shopper-1", 42, 1, BigDecimal.TEN, OrderStatus.CREATED));

        assertThatThrownBy(() -> orders.insert(new Order(orderId, "shopper-2", 42, 1, BigDecimal.TEN, OrderStatus.CREATED)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(orders.selectById(orderId).getUserId()).isEqualTo("shopper-1");
        orders.deleteById(orderId);
    }
}
