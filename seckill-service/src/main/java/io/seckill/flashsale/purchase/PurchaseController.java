package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.SaleSignal;

import java.security.Principal;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shoppers buy here. The user is the subject of the bearer token this service verified itself (common's
 * CallerSecurityAutoConfiguration); no header and no request body names the buyer.
 */
@RestController
@RequestMapping("/api/activities/{activityId:[1-9]\\d*}")
class PurchaseController {

    private final PurchaseTokens tokens;
    private final PlacingPurchase placing;
    private final PurchaseResults results;

    PurchaseController(PurchaseTokens tokens, PlacingPurchase placing, PurchaseResults results) {
        this.tokens = tokens;
        this.placing = placing;
        this.results = results;
    }

    @PostMapping("/purchase-token")
    PurchaseTokens.IssuedToken token(Principal shopper,
            @PathVariable long activityId) {
        return tokens.issue(shopper.getName(), activityId);
    }

    @PostMapping("/purchases/{token}")
    ResponseEntity<Map<String, String>> buy(Principal shopper,
            @PathVariable long activityId, @PathVariable String token, @Valid @RequestBody PurchaseRequest request) {
        PurchaseOutcome outcome = placing.place(shopper.getName(), activityId, token, request.quantity());
        if (outcome instanceof PurchaseOutcome.Refused refused) {
            ProblemException problem = new ProblemException(refused.code(), explain(refused.code()));
            // A refusal that holds for every shopper names the sale's state: the gateway answers the next ones.
            throw outcome.closesTheSaleFor(request.quantity()) ? problem.withHeader(SaleSignal.STATE_HEADER, refused.code().name())
                    : problem;
        }
        if (outcome instanceof PurchaseOutcome.Unconfirmed unconfirmed) {
            throw unconfirmed(activityId, unconfirmed.orderId());
        }
        long orderId = ((PurchaseOutcome.Accepted) outcome).orderId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                "orderId", Long.toString(orderId),
                "status", "QUEUED",
                "resultPath", resultPath(activityId, orderId)));
    }

    @GetMapping("/purchases/{orderId:[1-9]\\d*}")
    PurchaseResults.PurchaseStatus result(Principal shopper,
            @PathVariable long activityId, @PathVariable long orderId) {
        return results.of(shopper.getName(), activityId, orderId);
    }

    /**
     * 503 with the order id the purchase was tried under: the shopper polls that result (QUEUED and on if Redis
     * kept it, NOT_FOUND if it never ran or a failover forgot it) before buying again with a new token.
     */
    private static ProblemException unconfirmed(long activityId, long orderId) {
        ProblemException problem = new ProblemException(ErrorCode.PURCHASE_UNCONFIRMED, "Your purchase (order " + orderId
                + ") could not be confirmed: Redis did not answer, or no replica confirmed it in time, so it may or may "
                + "not stand. Poll its result; buy again with a new token only if it is not found.");
        problem.getBody().setProperty("orderId", Long.toString(orderId));
        problem.getBody().setProperty("resultPath", resultPath(activityId, orderId));
        return problem.withHeader("Retry-After", "1");
    }

    private static String resultPath(long activityId, long orderId) {
        return "/api/activities/" + activityId + "/purchases/" + orderId;
    }

    record PurchaseRequest(@NotNull @Min(1) Integer quantity) {
    }

    private static String explain(ErrorCode code) {
        return switch (code) {
            case SOLD_OUT -> "Sold out.";
            case LIMIT_REACHED -> "You already hold as many as this sale allows per shopper.";
            case NOT_STARTED -> "The sale has not started.";
            case ENDED -> "The sale has ended.";
            case PAUSED -> "The sale is paused.";
            case TOKEN_INVALID -> "The purchase token is invalid, expired or already used; ask for a new one.";
            case NOT_FOUND -> "The sale is not open for purchases.";
            default -> code.title();
        };
    }
}
