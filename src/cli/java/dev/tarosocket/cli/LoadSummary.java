package dev.tarosocket.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a load run measured; printed for people or as one JSON line. */
record LoadSummary(LoadTest.Plan plan, long sent, long received, long elapsedNanos, long[] sortedLatencies,
                   Map<String, Long> errorsByCode) {

    /** All latencies, sorted. */
    static long[] merge(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    long errors() {
        return errorsByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double messagesPerSecond() {
        return seconds() > 0 ? received / seconds() : 0;
    }

    /** Payload megabytes (10^6 bytes) per second, one way: the bytes echoed back. */
    double megabytesPerSecond() {
        return seconds() > 0 ? received * (double) plan.size() / 1e6 / seconds() : 0;
    }

    /** The latency at {@code quantile} (0..1) in milliseconds, nearest rank; 0 with no sample. */
    double latencyMillis(double quantile) {
        if (sortedLatencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sortedLatencies.length);
        return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, rank - 1))] / 1e6;
    }

    boolean succeeded() {
        return received == plan.count() && errors() == 0;
    }

    /** Prints the summary; returns the exit code (0 when every message came back without error). */
    int report(PrintStream out, boolean json) {
        out.println(json ? toJson() : toText());
        return succeeded() ? 0 : 1;
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "load: %d messages of %d bytes over %d connection(s), window %d, to %s%n",
                plan.count(), plan.size(), plan.connections(), plan.window(), plan.url()));
        b.append(String.format(Locale.ROOT, "  sent %d, received %d, errors %d in %.3f s%n", sent, received, errors(), seconds()));
        b.append(String.format(Locale.ROOT, "  throughput %.0f messages/s, %.2f MB/s%n", messagesPerSecond(), megabytesPerSecond()));
        b.append(String.format(Locale.ROOT, "  round-trip latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms",
                latencyMillis(0.50), latencyMillis(0.99), latencyMillis(0.999)));
        if (!errorsByCode.isEmpty()) {
            b.append(String.format("%n  errors by code:"));
            errorsByCode.forEach((code, n) -> b.append(' ').append(code).append('=').append(n));
        }
        return b.toString();
    }

    String toJson() {
        StringBuilder codes = new StringBuilder("{");
        errorsByCode.forEach((code, n) -> codes.append(codes.length() > 1 ? "," : "").append(quote(code)).append(':').append(n));
        codes.append('}');
        return String.format(Locale.ROOT, "{\"mode\":\"load\",\"url\":%s,\"count\":%d,\"size\":%d,\"connections\":%d,"
                        + "\"window\":%d,\"sent\":%d,\"received\":%d,\"errors\":%d,\"errorsByCode\":%s,"
                        + "\"seconds\":%.6f,\"messagesPerSecond\":%.1f,\"megabytesPerSecond\":%.3f,"
                        + "\"latencyMillis\":{\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f},\"ok\":%b}",
                quote(plan.url()), plan.count(), plan.size(), plan.connections(), plan.window(), sent, received,
                errors(), codes, seconds(), messagesPerSecond(), megabytesPerSecond(),
                latencyMillis(0.50), latencyMillis(0.99), latencyMillis(0.999), succeeded());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
