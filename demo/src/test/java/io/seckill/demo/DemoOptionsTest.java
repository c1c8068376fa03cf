package io.seckill.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsAreTheDocumentedSale() {
        DemoOptions options = DemoOptions.parse(new String[0]);

        assertThat(options.stock()).isEqualTo(1000);
        assertThat(options.shoppers()).isEqualTo(20_000);
        assertThat(options.perUserLimit()).isEqualTo(1);
        assertThat(options.paymentShare()).isEqualTo(0.6);
        assertThat(options.paymentTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.chaos()).isFalse();
    }

    @Test
    void flagsAreRead() {
        DemoOptions options = DemoOptions.parse(new String[] {"--stock", "50", "--shoppers", "500", "--limit", "2",
                "--pay-share", "0.5", "--payment-timeout", "1m", "--chaos", "--json"});

        assertThat(options.stock()).isEqualTo(50);
        assertThat(options.shoppers()).isEqualTo(500);
        assertThat(options.perUserLimit()).isEqualTo(2);
        assertThat(options.paymentTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.chaos()).isTrue();
        assertThat(options.json()).isTrue();
    }

    @Test
    void badFlagsAreAllNamedWithTheUsage() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--stock", "0", "--pay-share", "2", "--bogus"}))
                .hasMessageContaining("--stock").hasMessageContaining("--pay-share").hasMessageContaining("--bogus")
                .hasMessageContaining("usage:");
    }
}
