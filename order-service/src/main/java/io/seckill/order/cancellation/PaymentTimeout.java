package io.seckill.order.cancellation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an order may stay unpaid ({@code seckill.settlement.payment-timeout}) and how many unpaid orders
 * one cancellation saga takes at most ({@code cancellation-group}), refreshed live from
 * config/order-service.yaml or Nacos. A mutable bean on purpose: Spring Cloud rebinds JavaBeans on refresh.
 */
@ConfigurationProperties("seckill.settlement")
public class PaymentTimeout {

    private Duration paymentTimeout = Duration.ofMinutes(15);

    private int cancellationGroup = 500;

    public Duration getPaymentTimeout() {
        return paymentTimeout;
    }

    public void setPaymentTimeout(Duration paymentTimeout) {
        this.paymentTimeout = paymentTimeout;
    }

    public int getCancellationGroup() {
        return cancellationGroup;
    }

    public void setCancellationGroup(int cancellationGroup) {
        if (cancellationGroup < 1 || cancellationGroup > 1_000) {
            throw new IllegalArgumentException("seckill.settlement.cancellation-group must be 1..1000, was " + cancellationGroup);
        }
        this.cancellationGroup = cancellationGroup;
    }
}
