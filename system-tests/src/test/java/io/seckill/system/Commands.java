package io.seckill.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command-line tool from the repository root with a timeout, stdout and stderr together. */
final class Commands {

    private Commands() {
    }

    record Result(int exitCode, String output) {
    }

    /**
     * Fails with {@code install} in the message when the tool is not on the PATH: a missing tool must fail the
     * test (./seckill test installs it), never skip it.
     */
    static Result run(List<String> command, String install) throws IOException, InterruptedException {
        // Output to a file, not a pipe read to its end first: otherwise a hung tool would never reach the timeout.
        Path log = Files.createTempFile("command", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(RepoFiles.ROOT.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException notInstalled) {
                throw new AssertionError(command.get(0) + " is not installed, so this cannot be checked: " + install
                        + " (./seckill test installs it when run as root).", notInstalled);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
