package io.seckill.order.placement;

import io.seckill.order.inventory.InventoryClient;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * The sales a request may name: those inventory keeps a ledger for. A record for any other sale was once
 * placed as a FAILED order (state changed by a record that should never have been read); it now goes to
 * the DLT before anything is written. Known sales are remembered (a ledger is never removed); an unknown
 * one is asked again each time, so a sale published a moment later is not refused for long.
 */
@Component
class KnownSales {

    private final InventoryClient inventory;
    private final Cache<Long, Boolean> known = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(6)).build();

    KnownSales(InventoryClient inventory) {
        this.inventory = inventory;
    }

    boolean isKnown(long activityId) {
        if (known.getIfPresent(activityId) != null) {
            return true;
        }
        boolean exists = inventory.ledgerExists(activityId); // a failure to ask propagates: the poll is retried
        if (exists) {
            known.put(activityId, Boolean.TRUE);
        }
        return exists;
    }
}
