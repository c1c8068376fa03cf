package io.seckill.flashsale.purchase;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks purchase tokens. A token is 31 bytes, base64url (42 characters): a version byte, its
 * expiry (epoch milliseconds, 6 bytes), a random nonce (8 bytes) and an HMAC-SHA256 of those and of the
 * sale and user ids, truncated to 128 bits. It is bound to one shopper and one sale and cannot be forged
 * or stretched without the secret; that it is used once is Redis's part (the nonce's used-mark).
 */
final class TokenSigner {

    private static final byte VERSION = 1;
    private static final int EXPIRY_BYTES = 6; // enough for epoch milliseconds until the year 10889
    private static final int NONCE_BYTES = 8;
    private static final int SIGNED = 1 + EXPIRY_BYTES + NONCE_BYTES;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = SIGNED + MAC_BYTES;
    /** Base64url of {@value #LENGTH} bytes, unpadded. */
    static final int TEXT_LENGTH = (LENGTH * 4 + 2) / 3;

    private final Mac keyed;

    TokenSigner(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("seckill.purchase.token-secret (SECKILL_PURCHASE_TOKEN_SECRET) must be at least"
                    + " 32 bytes: it signs the purchase tokens every instance must accept");
        }
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A token valid until {@code expiresAtMillis}, for this shopper and sale only. */
    String sign(String userId, long activityId, long expiresAtMillis) {
        byte[] token = new byte[LENGTH];
        token[0] = VERSION;
        long expiry = expiresAtMillis;
        for (int i = EXPIRY_BYTES; i >= 1; i--, expiry >>>= 8) {
            token[i] = (byte) expiry;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        ThreadLocalRandom.current().nextBytes(nonce); // unique, not secret: the MAC is what cannot be forged
        System.arraycopy(nonce, 0, token, 1 + EXPIRY_BYTES, NONCE_BYTES);
        System.arraycopy(mac(token, userId, activityId), 0, token, SIGNED, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The token's nonce and expiry if it was signed here for this shopper and sale; else empty. */
    Optional<Signed> verify(String text, String userId, long activityId) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // The last character carries 4 unused bits: without this check 4 spellings of every token would be
        // accepted (the same bytes, so no forgery, but a token must have one text: it is a URL path segment).
        if (token.length != LENGTH || token[0] != VERSION || !Base64.getUrlEncoder().withoutPadding().encodeToString(token).equals(text)
                || !MessageDigest.isEqual(mac(token, userId, activityId), Arrays.copyOfRange(token, SIGNED, LENGTH))) {
            return Optional.empty();
        }
        long expiresAt = 0;
        for (int i = 1; i <= EXPIRY_BYTES; i++) {
            expiresAt = (expiresAt << 8) | (token[i] & 0xff);
        }
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(token, 1 + EXPIRY_BYTES, SIGNED));
        return Optional.of(new Signed(nonce, expiresAt));
    }

    /** What a genuine token says: its nonce and when it expires. */
    record Signed(String nonce, long expiresAtMillis) {
    }

    private byte[] mac(byte[] token, String userId, long activityId) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone(); // a Mac is not thread-safe; cloning the keyed one is cheap
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned on this JDK", e);
        }
        mac.update(token, 0, SIGNED);
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(activityId).array());
        mac.update(userId.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }
}
