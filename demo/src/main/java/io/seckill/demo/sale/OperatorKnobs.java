package io.seckill.demo.sale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo turns two live knobs the way an operator would, by editing the services' config files (a
 * Nacos publish in production): the payment timeout, short enough to watch unpaid orders time out, and
 * 127.0.0.1 as a trusted proxy so each simulated shopper has its own client address. The originals
 * are kept under .stack/ and put back when the demo ends, even when it is interrupted; a demo killed
 * outright is undone by the next one.
 */
public final class OperatorKnobs implements AutoCloseable {

    private final Path configDir;
    private final Path backupDir;
    private final Map<Path, Path> backups = new LinkedHashMap<>();
    private final Thread restoreOnExit = new Thread(this::restore, "restore-operator-knobs");
    private boolean restored;

    public OperatorKnobs(Path configDir, Path backupDir) {
        this.configDir = configDir;
        this.backupDir = backupDir;
        restoreLeftovers();
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** Replaces {@code from} with {@code to} in config/{@code file}, keeping the original. */
    public synchronized void set(String file, String from, String to) {
        if (restored) {
            return; // interrupted: the originals are back and stay back
        }
        Path target = configDir.resolve(file);
        try {
            String content = Files.readString(target);
            if (!content.contains(from)) {
                throw new IllegalStateException(target + " does not contain '" + from + "'; was it edited by hand?");
            }
            Files.createDirectories(backupDir);
            Path backup = backupDir.resolve(file);
            if (!backups.containsKey(target)) {
                Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
                backups.put(target, backup);
            }
            Files.writeString(target, content.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void restore() {
        restored = true;
        backups.forEach((target, backup) -> {
            try {
                Files.move(backup, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                System.err.println("could not restore " + target + " from " + backup + ": " + e);
            }
        });
        backups.clear();
    }

    private void restoreLeftovers() {
        if (!Files.isDirectory(backupDir)) return;
        try (var leftovers = Files.list(backupDir)) {
            for (Path backup : leftovers.toList()) {
                Files.move(backup, configDir.resolve(backup.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                System.err.println("restored config/" + backup.getFileName() + " left edited by an interrupted demo");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
