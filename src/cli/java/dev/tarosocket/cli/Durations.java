package dev.tarosocket.cli;

import java.time.Duration;

/** Durations as people read them in status lines. */
final class Durations {

    private Durations() {
    }

    /** {@code 5 s}, {@code 1.5 s}, {@code 500 ms}, {@code 2 min}. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
