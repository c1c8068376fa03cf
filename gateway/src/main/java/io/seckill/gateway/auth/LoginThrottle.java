package io.seckill.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Password guessing is slowed per account and per client address: after a few free failures each
 * further failure locks the key out for twice as long as the last (up to a ceiling), and while locked
 * a login is refused without checking the password at all — even the right one — so a guesser cannot
 * learn anything by trying faster. A success clears the account's count (not the address's: one
 * address guessing many accounts stays slowed). Counts are forgotten after the longest lockout of quiet.
 */
@Component
class LoginThrottle {

    private final AuthProperties properties;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(AuthProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(200_000)
                .expireAfterWrite(properties.getLogin().getMaxBackoff().multipliedBy(2)).build();
    }

    /** How long the caller must wait before trying again, if it must. */
    Optional<Duration> lockedOut(String username, String address) {
        Instant now = clock.instant();
        Duration wait = later(failures.getIfPresent(account(username)), now);
        Duration fromAddress = later(failures.getIfPresent(address(address)), now);
        Duration longest = wait.compareTo(fromAddress) >= 0 ? wait : fromAddress;
        return !longest.isZero() && !longest.isNegative() ? Optional.of(longest) : Optional.empty();
    }

    void failed(String username, String address) {
        AuthProperties.Login login = properties.getLogin();
        Instant now = clock.instant();
        count(account(username), now, login.getFreeFailures(), login);
        count(address(address), now, login.getFreeFailuresPerAddress(), login);
    }

    private void count(String key, Instant now, int free, AuthProperties.Login login) {
        failures.asMap().compute(key, (k, old) -> (old == null ? Failures.NONE : old).next(now, free, login));
    }

    void succeeded(String username) {
        failures.invalidate(account(username));
    }

    private static Duration later(Failures known, Instant now) {
        return known == null || known.lockedUntil() == null ? Duration.ZERO : Duration.between(now, known.lockedUntil());
    }

    private static String account(String username) {
        return "user:" + username;
    }

    private static String address(String address) {
        return "ip:" + address;
    }

    /** Consecutive failures of one key and the end of its lockout (null: not locked). */
    record Failures(int count, Instant lockedUntil) {

        static final Failures NONE = new Failures(0, null);

        Failures next(Instant now, int free, AuthProperties.Login login) {
            int failed = count + 1;
            if (failed <= free) {
                return new Failures(failed, null);
            }
            // 1st failure past the allowance: the base back-off; each further one doubles it, up to the ceiling.
            int doublings = Math.min(failed - free - 1, 30);
            Duration backoff = login.getBaseBackoff().multipliedBy(1L << doublings);
            Duration capped = backoff.compareTo(login.getMaxBackoff()) > 0 ? login.getMaxBackoff() : backoff;
            return new Failures(failed, now.plus(capped));
        }
    }
}
