package io.seckill.gateway.auth;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.gateway.ratelimit.RateLimiting;

import java.util.concurrent.RejectedExecutionException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Development login: configured demo shoppers and operators exchange a password for a JWT. Production
 * uses a real issuer (mode: issuer) and this endpoint does not exist there. Guessing is throttled per
 * account and address ({@link LoginThrottle}); password hashes are checked on a pool of its own, bounded
 * in threads and queue, so a login flood cannot take the CPU purchases need.
 */
@RestController
@ConditionalOnProperty(prefix = "seckill.auth", name = "mode", havingValue = "shared-secret", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seckill.auth.login-enabled", matchIfMissing = true)
class DevLoginController implements DisposableBean {

    private final Accounts accounts;
    private final TokenIssuer issuer;
    private final LoginThrottle throttle;
    private final RateLimiting addresses;
    private final Scheduler hashing;

    DevLoginController(Accounts accounts, TokenIssuer issuer, LoginThrottle throttle, RateLimiting addresses,
            AuthProperties properties) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.throttle = throttle;
        this.addresses = addresses;
        AuthProperties.Login login = properties.getLogin();
        this.hashing = Schedulers.newBoundedElastic(login.getHashingThreads(), login.getHashingQueue(), "login-hashing");
    }

    @PostMapping("/auth/login")
    Mono<TokenIssuer.IssuedToken> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        String address = addresses.clientOf(http);
        var wait = throttle.lockedOut(request.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            return Mono.error(new ProblemException(ErrorCode.RATE_LIMITED, "Too many failed logins for this account or"
                    + " address; retry after " + seconds + " s.").withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
        // Password hashing is deliberately slow CPU work: never on the event loop, and never on more threads than set.
        return Mono.fromCallable(() -> accounts.authenticate(request.username(), request.password()))
                .subscribeOn(hashing)
                .onErrorMap(RejectedExecutionException.class, full -> new ProblemException(ErrorCode.UNAVAILABLE,
                        "Too many logins at once; retry in a second.").withHeader(HttpHeaders.RETRY_AFTER, "1"))
                .map(identity -> {
                    if (identity.isEmpty()) {
                        throttle.failed(request.username(), address);
                        throw new ProblemException(ErrorCode.UNAUTHORIZED, "Unknown user or wrong password.");
                    }
                    throttle.succeeded(request.username());
                    return issuer.issue(identity.get());
                });
    }

    @Override
    public void destroy() {
        hashing.dispose();
    }

    /** A user name becomes a token's subject: the same plain-id rule every service applies to {@code sub}. */
    record LoginRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@:+-]{1,64}") String username,
            @NotBlank @Size(max = 128) String password) {
    }
}
