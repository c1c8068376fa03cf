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

    /** The operator knobs of this stack, restored when closed. */
    public OperatorKnobs knobs() {
        return new OperatorKnobs(config, state.resolve("demo-knobs"));
    }

    private static Path dir(String property, Path fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath().normalize();
    }
}
