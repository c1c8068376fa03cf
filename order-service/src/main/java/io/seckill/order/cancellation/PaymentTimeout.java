package io.seckill.order.cancellation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an order may stay unpaid ({@code seckill.settlement.payment-timeout}), refreshed live from
 * config/order-service.yaml or Nacos. A mutable bean on purpose: Spring Cloud rebinds JavaBeans on refresh.
 */
@ConfigurationProperties("seckill.settlement")
public class PaymentTimeout {

    private Duration paymentTimeout = Duration.ofMinutes(15);

    public Duration getPaymentTimeout() {
        return paymentTimeout;
    }

    public void setPaymentTimeout(Duration paymentTimeout) {
        this.paymentTimeout = paymentTimeout;
    }
}
