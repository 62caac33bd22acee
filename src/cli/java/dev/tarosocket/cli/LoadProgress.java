package dev.tarosocket.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The load run's progress bar. It is drawn only when stderr is a terminal (a redirected stderr gets no
 * carriage returns or escape codes), with plain carriage returns. Its clock is the run's own clock, and
 * its last frame shows the very elapsed time the summary prints.
 */
final class LoadProgress implements AutoCloseable {

    static final int CELLS = 30;
    private static final int MAX_LINE_CHARS = 100;

    private final long startNanos;          // the run's start, as the summary measures it
    private volatile long endNanos = -1;    // -1 while running; then the run's end, freezing the clock
    private final ProgressBar bar;          // null when stderr is not a terminal

    private LoadProgress(long max, long startNanos, PrintStream err, boolean show) {
        this.startNanos = startNanos;
        this.bar = show ? new ProgressBarBuilder().setTaskName("load").setInitialMax(max)
                .setUpdateIntervalMillis(200).continuousUpdate()
                .setRenderer((state, width) -> frame(state.getCurrent(), state.getMax(), clockNanos()))
                .setConsumer(new ConsoleProgressBarConsumer(err, MAX_LINE_CHARS))
                .build() : null;
        if (bar != null) {
            bar.refresh(); // the first frame (0 done) on this thread, before any update can overtake it
        }
    }

    /** A bar for {@code max} messages on {@code err} when it is a terminal, else one that draws nothing. */
    static LoadProgress start(long max, long startNanos, PrintStream err) {
        return new LoadProgress(max, startNanos, err, Terminal.stderrIsTerminal());
    }

    void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Stops the clock at the run's end and draws the last frame. */
    void finish(long done, long runEndNanos) {
        endNanos = runEndNanos;
        if (bar != null) {
            bar.stepTo(done);
            bar.refresh();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private long clockNanos() {
        long end = endNanos;
        return (end < 0 ? System.nanoTime() : end) - startNanos;
    }

    /**
     * One frame: {@code load  42% [############                  ] 4200/10000 1.234 s}. Cells and percent
     * round down, so 0 done fills no cell and only all done shows 100%; the seconds are formatted as
     * in the summary.
     */
    static String frame(long done, long max, long elapsedNanos) {
        long total = Math.max(1, max);
        long clamped = Math.max(0, Math.min(done, total));
        int cells = (int) (clamped * CELLS / total);
        long percent = clamped * 100 / total;
        return String.format(Locale.ROOT, "load %3d%% [%s%s] %d/%d %.3f s", percent, "#".repeat(cells),
                " ".repeat(CELLS - cells), done, max, elapsedNanos / 1e9);
    }
}
