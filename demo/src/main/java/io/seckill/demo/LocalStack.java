package io.seckill.demo;

import io.seckill.demo.sale.OperatorKnobs;

import java.nio.file.Path;

/**
 * Where the local stack keeps things, as ./seckill passes them: the repo (for ./seckill itself), the
 * config dir the services watch (SECKILL_CONFIG_DIR) and the state dir (SECKILL_STACK_DIR: pids, logs).
 */
public record LocalStack(Path repo, Path config, Path state) {

    public static LocalStack fromSystem() {
        Path repo = Path.of(System.getProperty("seckill.repo.dir", ".")).toAbsolutePath().normalize();
        return new LocalStack(repo, dir("seckill.config.dir", repo.resolve("config")), dir("seckill.stack.dir", repo.resolve(".stack")));
    }

    /** How many instances of seckill-, order- and inventory-service run ({@code ./seckill up --instances N}). */
    public int instances() {
        try {
            Path mark = state.resolve("instances");
            return java.nio.file.Files.exists(mark) ? Integer.parseInt(java.nio.file.Files.readString(mark).trim()) : 1;
        } catch (java.io.IOException | NumberFormatException e) {
            return 1;
        }
    }

    /** The name of instance {@code k} (from 1) of a service, as ./seckill names its pid and log files. */
    public static String instanceName(String service, int k) {
        return k == 1 ? service : service + "-" + k;
    }

    /** The operator knobs of this stack, restored when closed. */
    public OperatorKnobs knobs() {
        return new OperatorKnobs(config, state.resolve("demo-knobs"));
    }

    private static Path dir(String property, Path fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath().normalize();
    }
}
