package io.seckill.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool from the repository root with a timeout. */
final class Commands {

    private Commands() {
    }

    /** {@code output} is stdout and stderr together; {@code stdout} alone, for tools whose output is parsed. */
    record Result(int exitCode, String output, String stdout) {
    }

    /** As {@link #run(List, String)}, but a tool that is not installed is an {@link IOException}, to try another. */
    static Result tryRun(List<String> command) throws IOException, InterruptedException {
        return tryRun(command, Map.of());
    }

    /** As {@link #tryRun(List)}, with {@code environment} added to this process's. */
    static Result tryRun(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        try {
            // Output to files, not pipes read to their end first: otherwise a hung tool would never reach the timeout.
            ProcessBuilder builder = new ProcessBuilder(command).directory(RepoFiles.ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(process.exitValue(), stdout + Files.readString(err, StandardCharsets.UTF_8), stdout);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Fails with {@code install} in the message when the tool is not on the PATH: a missing tool must fail the
     * test (./seckill test installs it), never skip it.
     */
    static Result run(List<String> command, String install) throws IOException, InterruptedException {
        try {
            return tryRun(command);
        } catch (IOException notInstalled) {
            throw new AssertionError(command.get(0) + " is not installed, so this cannot be checked: " + install
                    + " (./seckill test installs it when run as root).", notInstalled);
        }
    }
}
