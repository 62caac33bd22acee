package dev.tarosocket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Ratios between two clients, computed within each round (same peer, same minute of machine load)
 * and then summarized over rounds. Targets are the library's (issue 6).
 */
final class Ratios {

    enum Metric {
        THROUGHPUT("msgs/s", Cell::msgsPerSec),
        CPU("CPU/msg", Cell::cpuNsPerMsg),
        P50_DELTA("p50 Δµs", Cell::p50Micros);

        final String label;
        final ToDoubleFunction<Cell> value;

        Metric(String label, ToDoubleFunction<Cell> value) {
            this.label = label;
            this.value = value;
        }
    }

    /** A ratio to compute on some scenarios; {@code atLeast} says which side of the target passes. */
    record Def(String numerator, String denominator, Metric metric, Set<String> scenarios, double target, boolean atLeast) {
        String name() {
            return numerator + (metric == Metric.P50_DELTA ? " − " : " / ") + denominator + ", " + metric.label;
        }

        String targetText() {
            if (Double.isNaN(target)) {
                return "—";
            }
            return (atLeast ? "≥ " : "≤ ") + String.format(java.util.Locale.ROOT, "%.2f", target).replaceAll("0$", "")
                    + (metric == Metric.P50_DELTA ? " µs" : "×");
        }
    }

    record Result(Def def, String scenario, Stats stats) {
        /** "pass", "FAIL" or "—" (no target); judged on the median. */
        String verdict() {
            if (Double.isNaN(def.target()) || !stats.present()) {
                return "—";
            }
            boolean ok = def.atLeast() ? stats.median() >= def.target() : stats.median() <= def.target();
            return ok ? "pass" : "FAIL";
        }
    }

    private static final Set<String> TPUT = Set.of("tput-16B-text", "tput-1KiB-text", "tput-64KiB-text", "tput-1MiB-binary");
    private static final Set<String> SMALL = Set.of("tput-16B-text", "tput-1KiB-text");
    private static final Set<String> ECHO = Set.of("echo-64B");
    private static final double NONE = Double.NaN;

    static final List<Def> DEFS = List.of(
            new Def("taro-tyrus", "raw-tyrus-serial", Metric.THROUGHPUT, TPUT, 0.9, true),
            new Def("taro-tyrus", "raw-tyrus-serial", Metric.THROUGHPUT, Set.of("tput-16B-text"), 1.4, true),
            new Def("taro-tyrus", "raw-tyrus-serial", Metric.CPU, union(TPUT, ECHO), 1.15, false),
            new Def("taro-jetty", "raw-jetty-serial", Metric.THROUGHPUT, TPUT, 0.9, true),
            new Def("taro-jetty", "raw-jetty-serial", Metric.CPU, union(TPUT, ECHO), 1.15, false),
            new Def("taro-tyrus", "spring-tyrus", Metric.THROUGHPUT, SMALL, 1.5, true),
            new Def("taro-tyrus", "spring-tyrus", Metric.THROUGHPUT, Set.of("tput-64KiB-text", "tput-1MiB-binary"), NONE, true),
            new Def("taro-tyrus", "spring-tyrus", Metric.CPU, union(TPUT, ECHO), NONE, false),
            new Def("taro-tyrus", "raw-tyrus-16", Metric.THROUGHPUT, TPUT, NONE, true),
            new Def("taro-jetty", "raw-jetty-16", Metric.THROUGHPUT, TPUT, NONE, true),
            new Def("taro-tyrus", "raw-tyrus-serial", Metric.P50_DELTA, ECHO, 10, false),
            new Def("taro-jetty", "raw-jetty-serial", Metric.P50_DELTA, ECHO, 10, false));

    private Ratios() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    static List<Result> compute(List<Cell> cells, List<String> scenarioOrder) {
        Map<String, Cell> byKey = cells.stream().filter(Cell::ok)
                .collect(Collectors.toMap(c -> c.scenario() + "|" + c.client() + "|" + c.round(), c -> c, (a, b) -> a));
        int rounds = cells.stream().mapToInt(Cell::round).max().orElse(0);
        List<Result> out = new ArrayList<>();
        for (Def def : DEFS) {
            for (String scenario : scenarioOrder) {
                if (!def.scenarios().contains(scenario)) {
                    continue;
                }
                List<Double> values = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    Cell a = byKey.get(scenario + "|" + def.numerator() + "|" + r);
                    Cell b = byKey.get(scenario + "|" + def.denominator() + "|" + r);
                    if (a == null || b == null) {
                        continue;
                    }
                    double x = def.metric().value.applyAsDouble(a);
                    double y = def.metric().value.applyAsDouble(b);
                    values.add(def.metric() == Metric.P50_DELTA ? x - y : x / y);
                }
                out.add(new Result(def, scenario, Stats.of(values)));
            }
        }
        return out;
    }
}
