package io.seckill.system;

import java.nio.file.Path;

/** The repository root, as Maven passes it to the test JVM. */
final class RepoFiles {

    static final Path ROOT = Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();

    static final String[] SERVICES = {"gateway", "seckill-service", "order-service", "inventory-service", "id-service"};

    private RepoFiles() {
    }
}
