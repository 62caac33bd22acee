package dev.tarosocket.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Median with min and max over rounds, and number formatting for the report. */
record Stats(double median, double min, double max, int n) {

    static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);

    static Stats of(List<Double> values) {
        double[] v = values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return NONE;
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    boolean present() {
        return n > 0;
    }

    /** "median (min–max)" with {@code digits} significant figures. */
    String format(int digits) {
        if (!present()) {
            return "n/a";
        }
        if (n == 1) {
            return num(median, digits);
        }
        return num(median, digits) + " (" + num(min, digits) + "–" + num(max, digits) + ")";
    }

    static String num(double d, int digits) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        double a = Math.abs(d);
        if (d == Math.rint(d) && a < 1e4) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", d / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", d / 1e3);
        }
        if (a >= 100 || (d == Math.rint(d) && a < 1e4)) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(Math.max(a, 1e-9))));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 3) + "f", d);
    }

    static String json(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.6g", d);
    }

    static double[] finite(double... values) {
        return Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
    }
}
