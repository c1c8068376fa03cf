package io.seckill.gateway.auth;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Development login: configured demo shoppers and operators exchange a password for a JWT. Production
 * uses a real issuer (mode: issuer) and this endpoint does not exist there.
 */
@RestController
@ConditionalOnProperty(prefix = "seckill.auth", name = "mode", havingValue = "shared-secret", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "seckill.auth.login-enabled", matchIfMissing = true)
class DevLoginController {

    private final Accounts accounts;
    private final TokenIssuer issuer;

    DevLoginController(Accounts accounts, TokenIssuer issuer) {
        this.accounts = accounts;
        this.issuer = issuer;
    }

    @PostMapping("/auth/login")
    Mono<TokenIssuer.IssuedToken> login(@Valid @RequestBody LoginRequest request) {
        // Password hashing is deliberately slow CPU work: never on the event loop.
        return Mono.fromCallable(() -> accounts.authenticate(request.username(), request.password()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(identity -> identity.map(issuer::issue).orElseThrow(
                        () -> new ProblemException(ErrorCode.UNAUTHORIZED, "Unknown user or wrong password.")));
    }

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }
}
