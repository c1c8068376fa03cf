package io.seckill.demo.sale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo and the bench turn live knobs the way an operator would, by setting keys in the operator files of the
 * local stack: its own working copy of {@code config/} under {@code .stack/config} (a Nacos publish in production),
 * never the tracked files. The originals are kept under .stack/ and put back when the run ends, even when it is
 * interrupted; a run killed outright is undone by the next one.
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

    /** Sets {@code key} (dotted: {@code seckill.purchase.strategy}) to {@code value} in {@code file}, keeping the original. */
    public synchronized void set(String file, String key, String value) {
        if (restored) {
            return; // interrupted: the originals are back and stay back
        }
        Path target = configDir.resolve(file);
        try {
            String content = Files.readString(target);
            Files.createDirectories(backupDir);
            Path backup = backupDir.resolve(file);
            if (!backups.containsKey(target)) {
                Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
                backups.put(target, backup);
            }
            Files.writeString(target, withValue(content, key, value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code key} in {@code file} as written there (its comment left out). */
    public String get(String file, String key) {
        try {
            List<String> lines = Files.readString(configDir.resolve(file)).lines().toList();
            Matcher value = VALUE.matcher(lines.get(lineOf(lines, key)));
            return value.matches() ? value.group(2).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern VALUE = Pattern.compile("^(\\s*[\\w.-]+:[ \\t]*)(.*?)([ \\t]+#.*)?$");

    /**
     * {@code yaml} with the value of the block-style key path {@code key} replaced on its line, every comment and
     * the column of the line's own comment kept: the files are documented line by line, and an operator reads them.
     */
    static String withValue(String yaml, String key, String value) {
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        int at = lineOf(lines, key);
        Matcher line = VALUE.matcher(lines.get(at));
        if (!line.matches()) {
            throw new IllegalStateException("cannot set " + key + ": its line is '" + lines.get(at) + "'");
        }
        String head = line.group(1) + value;
        if (line.group(3) == null) {
            lines.set(at, head);
        } else {
            int column = line.group(1).length() + line.group(2).length() + line.group(3).indexOf('#');
            lines.set(at, head + " ".repeat(Math.max(1, column - head.length())) + line.group(3).stripLeading());
        }
        return String.join("\n", lines) + (yaml.endsWith("\n") ? "\n" : "");
    }

    /**
     * The line holding {@code key}: each part found below the one before, deeper than it; a part may itself hold
     * dots ({@code logging.level.io.seckill}), the longest such name tried first.
     */
    private static int lineOf(List<String> lines, String key) {
        String[] parts = key.split("\\.");
        int from = 0;
        int parentIndent = -1;
        int found = -1;
        for (int part = 0; part < parts.length; ) {
            found = -1;
            for (int end = parts.length; end > part && found < 0; end--) {
                int line = childLine(lines, from, parentIndent, String.join(".", java.util.Arrays.copyOfRange(parts, part, end)));
                if (line >= 0) {
                    found = line;
                    parentIndent = lines.get(line).length() - lines.get(line).stripLeading().length();
                    from = line + 1;
                    part = end;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no key " + key + " (its part '" + parts[part] + "' is missing)");
            }
        }
        return found;
    }

    /** The line of {@code name} among the direct children of the block that starts at {@code from}, or -1. */
    private static int childLine(List<String> lines, int from, int parentIndent, String name) {
        Pattern here = Pattern.compile("^(\\s*)" + Pattern.quote(name) + ":(\\s.*|)$");
        int childIndent = -1;
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent <= parentIndent) {
                return -1; // left the parent's block
            }
            childIndent = childIndent < 0 ? indent : childIndent;
            if (indent == childIndent && here.matcher(line).matches()) {
                return i;
            }
        }
        return -1;
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
                System.err.println("restored " + backup.getFileName() + " left edited by an interrupted run");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
