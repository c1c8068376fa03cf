package io.seckill.common.security;

/** The roles a caller can hold; a token's roles claim names them without the ROLE_ prefix. */
public final class Roles {

    public static final String SHOPPER = "SHOPPER";
    public static final String OPERATOR = "OPERATOR";
    /** Another platform service: granted by a service token only, never by a user token's claims. */
    public static final String SERVICE = "SERVICE";

    private Roles() {
    }
}
