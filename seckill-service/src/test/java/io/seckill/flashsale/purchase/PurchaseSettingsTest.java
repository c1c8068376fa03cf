package io.seckill.flashsale.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PurchaseSettingsTest {

    @Test
    void aSaleIsPausedOnlyWhileItsIdIsListed() {
        PurchaseSettings settings = new PurchaseSettings();
        settings.setPausedActivities(new LinkedHashSet<>(Set.of(42L)));
        assertThat(settings.isPaused(42)).isTrue();
        assertThat(settings.isPaused(43)).isFalse();

        settings.setPausedActivities(Set.of());
        assertThat(settings.isPaused(42)).isFalse();
    }

    @Test
    void aLimitOverrideAppliesToItsSaleOnlyAndAnEmptyListRestoresEverySalesOwn() {
        PurchaseSettings settings = new PurchaseSettings();
        settings.setPerUserLimits(List.of(new PurchaseSettings.LimitOverride(42, 3)));
        assertThat(settings.perUserLimit(42, 1)).isEqualTo(3);
        assertThat(settings.perUserLimit(43, 1)).isEqualTo(1);

        settings.setPerUserLimits(List.of());
        assertThat(settings.perUserLimit(42, 1)).isEqualTo(1);
    }

    /** A limit below one is a typo, not a policy: binding fails and the refresher logs the refused change. */
    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new PurchaseSettings.LimitOverride(42, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("42");
    }

    /** Spring's binder replaces a bound collection through the setter; the live set must not be the binder's. */
    @Test
    void theBoundSetIsACopy() {
        Set<Long> bound = new LinkedHashSet<>(Set.of(1L));
        PurchaseSettings settings = new PurchaseSettings();
        settings.setPausedActivities(bound);
        bound.add(2L);
        assertThat(settings.isPaused(2)).isFalse();
    }
}
