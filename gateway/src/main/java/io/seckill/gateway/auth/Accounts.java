package io.seckill.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The configured accounts a development login is checked against: named users and the numbered demo
 * shoppers. Passwords are stored hashed ({bcrypt}...). A bcrypt check costs ~70 ms of CPU by design;
 * a simulated crowd of 20,000 shoppers sharing one password would spend minutes on it, so a
 * successful check is remembered (keyed by the stored hash and a SHA-256 of the password, never the
 * password itself) for a few minutes. Failures are never remembered, and an unknown user costs a
 * full check too, so timing does not reveal which usernames exist.
 */
@Component
class Accounts {

    /** A valid bcrypt hash of nothing anyone types: compared against when the user is unknown. */
    private static final String UNKNOWN_USER_HASH = "{bcrypt}$2a$10$0g6x7U8W7jdcAuTsdT2jJuvs.GyyHfp11JiMH.iqt/v2OD.H6wRHa";

    private static final java.util.regex.Pattern SHOPPER_NUMBER = java.util.regex.Pattern.compile("[1-9][0-9]{0,8}");

    private final AuthProperties properties;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Cache<String, Boolean> verified = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    Accounts(AuthProperties properties) {
        this.properties = properties;
    }

    /** The identity whose password this is, if any. */
    Optional<Identity> authenticate(String username, String password) {
        Optional<Stored> account = find(username);
        String hash = account.map(Stored::passwordHash).orElse(UNKNOWN_USER_HASH);
        boolean matches = matches(password, hash);
        return account.filter(a -> matches).map(a -> new Identity(username, a.roles()));
    }

    private boolean matches(String password, String hash) {
        String key = hash + '\n' + sha256(password);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = encoder.matches(password, hash);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    private Optional<Stored> find(String username) {
        for (AuthProperties.Account user : properties.getUsers()) {
            if (username.equals(user.getUsername()) && user.getPasswordHash() != null) {
                return Optional.of(new Stored(user.getPasswordHash(), List.copyOf(user.getRoles())));
            }
        }
        AuthProperties.DemoShoppers demo = properties.getDemoShoppers();
        if (demo.getPasswordHash() != null && username.startsWith(demo.getPrefix())) {
            String number = username.substring(demo.getPrefix().length());
            if (SHOPPER_NUMBER.matcher(number).matches() && Long.parseLong(number) <= demo.getCount()) {
                return Optional.of(new Stored(demo.getPasswordHash(), List.of("SHOPPER")));
            }
        }
        return Optional.empty();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String passwordHash, List<String> roles) {
    }
}
