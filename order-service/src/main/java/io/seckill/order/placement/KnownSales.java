package io.seckill.order.placement;

import io.seckill.common.event.OrderRequested;
import io.seckill.order.inventory.InventoryClient;
import io.seckill.order.inventory.InventoryClient.SaleTerms;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * The sales a request may name, and their terms: those inventory keeps a ledger for. A record for any
 * other sale was once placed as a FAILED order, and one for an ended sale became an order holding a unit;
 * each now goes to the DLT before anything is written. A known sale's terms are remembered for a few
 * seconds (an operator may end it early, which moves its end); an unknown one is asked again each time, so
 * a sale published a moment later is not refused for long.
 */
@Component
class KnownSales {

    private static final Duration TERMS_KEPT = Duration.ofSeconds(5);

    private final InventoryClient inventory;
    private final Cache<Long, SaleTerms> known = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(TERMS_KEPT).build();

    KnownSales(InventoryClient inventory) {
        this.inventory = inventory;
    }

    /**
     * Why the request is no purchase of the sale it names, or empty when it is one. A failure to ask
     * inventory propagates: the poll is delivered again.
     */
    Optional<String> refusal(OrderRequested request) {
        long activityId = request.activityId();
        SaleTerms terms = known.getIfPresent(activityId);
        if (terms == null) {
            Optional<SaleTerms> asked = inventory.saleTerms(activityId);
            if (asked.isEmpty()) {
                return Optional.of("activity " + activityId + " is no sale this platform published"
                        + " (inventory keeps no ledger for it)");
            }
            terms = asked.get();
            known.put(activityId, terms);
        }
        if (!terms.known()) {
            return Optional.empty(); // a ledger opened before terms were kept: the ledger's stock still bounds it
        }
        if (request.requestedAt().isBefore(terms.startAt()) || !request.requestedAt().isBefore(terms.endAt())) {
            return Optional.of("requested at " + request.requestedAt() + ", outside the window of activity " + activityId
                    + " [" + terms.startAt() + ", " + terms.endAt() + ")");
        }
        if (request.quantity() > terms.perUserLimit()) {
            return Optional.of("quantity " + request.quantity() + " is above the per-user limit " + terms.perUserLimit()
                    + " of activity " + activityId);
        }
        return Optional.empty();
    }
}
