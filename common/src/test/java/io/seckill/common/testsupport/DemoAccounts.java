package io.seckill.common.testsupport;

/** The accounts config/gateway.yaml ships for local runs: the operator, and shoppers alice and shopper-1..50000. */
public final class DemoAccounts {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-pass";
    /** The password of alice and of every numbered demo shopper. */
    public static final String SHOPPER_PASSWORD = "shopper-pass";

    private DemoAccounts() {
    }
}
