package io.seckill.demo.report;

import java.io.PrintStream;

/**
 * The demo's progress, always on stderr (so under --json stdout stays one JSON object): a redrawn bar on
 * a terminal, a line per quarter otherwise (CI logs), and timed step lines.
 */
public final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long startedAt = System.nanoTime();
    private String phase;
    private int total;
    private int lastShown;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void step(String message) {
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), message);
    }

    public synchronized void start(String phase, int total) {
        this.phase = phase;
        this.total = Math.max(1, total);
        this.lastShown = -1;
        update(0);
    }

    public synchronized void update(int done) {
        int percent = (int) (100L * done / total);
        if (terminal) {
            if (percent == lastShown) return;
            int filled = WIDTH * percent / 100;
            out.printf("\r[%6.1fs] %-12s [%s%s] %3d%% %,d/%,d", elapsedSeconds(), phase, "#".repeat(filled),
                    ".".repeat(WIDTH - filled), percent, done, total);
        } else if (percent / 25 != lastShown / 25 || lastShown < 0) {
            out.printf("[%6.1fs] %-12s %3d%% %,d/%,d%n", elapsedSeconds(), phase, percent, done, total);
        }
        lastShown = percent;
    }

    public synchronized void finish() {
        if (terminal) out.println();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }
}
