package io.seckill.demo;

import io.seckill.demo.bench.PurchaseBench;
import io.seckill.demo.observe.DashboardCheck;

import java.util.Arrays;

/**
 * The demo module's jar runs one of its three commands, each with an entry of its own: {@code demo} (the default,
 * {@link DemoCommand}), {@code bench} ({@link PurchaseBench}) and {@code check-dashboards} ({@link DashboardCheck}).
 * {@code ./seckill} names the command.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean named = args.length > 0 && !args[0].startsWith("-");
        String command = named ? args[0] : "demo";
        String[] rest = named ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "demo" -> DemoCommand.main(rest);
            case "bench" -> {
                PurchaseBench.main(rest);
                System.exit(0);
            }
            case "check-dashboards" -> DashboardCheck.main(rest);
            default -> {
                System.err.println("unknown command '" + command + "': demo, bench or check-dashboards");
                System.exit(2);
            }
        }
    }
}
