package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.SaleSignal;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shoppers buy here. The user is the one the gateway authenticated ({@value #USER_HEADER}); a user id
 * in a request body is never read.
 */
@RestController
@RequestMapping("/api/activities/{activityId}")
class PurchaseController {

    static final String USER_HEADER = "X-User-Id";

    private final PurchaseTokens tokens;
    private final PlacingPurchase placing;
    private final PurchaseResults results;

    PurchaseController(PurchaseTokens tokens, PlacingPurchase placing, PurchaseResults results) {
        this.tokens = tokens;
        this.placing = placing;
        this.results = results;
    }

    @PostMapping("/purchase-token")
    PurchaseTokens.IssuedToken token(@RequestHeader(name = USER_HEADER, required = false) String userId,
            @PathVariable long activityId) {
        return tokens.issue(authenticated(userId), activityId);
    }

    @PostMapping("/purchases/{token}")
    ResponseEntity<Map<String, String>> buy(@RequestHeader(name = USER_HEADER, required = false) String userId,
            @PathVariable long activityId, @PathVariable String token, @Valid @RequestBody PurchaseRequest request) {
        PurchaseOutcome outcome = placing.place(authenticated(userId), activityId, token, request.quantity());
        if (outcome instanceof PurchaseOutcome.Refused refused) {
            ProblemException problem = new ProblemException(refused.code(), explain(refused.code()));
            // A refusal that holds for every shopper names the sale's state: the gateway answers the next ones.
            throw outcome.closesTheSaleFor(request.quantity()) ? problem.withHeader(SaleSignal.STATE_HEADER, refused.code().name())
                    : problem;
        }
        long orderId = ((PurchaseOutcome.Accepted) outcome).orderId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                "orderId", Long.toString(orderId),
                "status", "QUEUED",
                "resultPath", "/api/activities/" + activityId + "/purchases/" + orderId));
    }

    @GetMapping("/purchases/{orderId:\\d+}")
    PurchaseResults.PurchaseStatus result(@RequestHeader(name = USER_HEADER, required = false) String userId,
            @PathVariable long activityId, @PathVariable long orderId) {
        return results.of(authenticated(userId), activityId, orderId);
    }

    record PurchaseRequest(@NotNull @Min(1) Integer quantity) {
    }

    private static String authenticated(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "No authenticated user (the gateway sets " + USER_HEADER + ").");
        }
        return userId;
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
