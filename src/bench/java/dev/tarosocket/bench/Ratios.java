package dev.tarosocket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Ratios between two clients, computed within each round (same peer, same minute of machine load)
 * and then summarized over rounds. Targets are the project's performance targets (docs/benchmarks.md); a pair that did not run is left out.
 */
final class Ratios {

    enum Metric {
        THROUGHPUT("msgs/s", Cell::msgsPerSec, false),
        CPU("CPU/msg", Cell::cpuNsPerMsg, false),
        CPU_DELTA("CPU/msg Δµs", c -> c.cpuNsPerMsg() / 1e3, true),
        ALLOC_DELTA("alloc/msg ΔB", Cell::allocBytesPerMsg, true),
        P50_DELTA("p50 Δµs", Cell::p50Micros, true);

        final String label;
        final ToDoubleFunction<Cell> value;
        final boolean difference; // numerator minus denominator, else numerator / denominator

        Metric(String label, ToDoubleFunction<Cell> value, boolean difference) {
            this.label = label;
            this.value = value;
            this.difference = difference;
        }
    }

    /** A ratio to compute on some scenarios; {@code atLeast} says which side of the target passes. */
    record Def(String numerator, String denominator, Metric metric, Set<String> scenarios, double target, boolean atLeast) {
        String name() {
            return numerator + (metric.difference ? " − " : " / ") + denominator + ", " + metric.label;
        }

        String targetText() {
            if (Double.isNaN(target)) {
                return "—";
            }
            return (atLeast ? "≥ " : "≤ ") + String.format(java.util.Locale.ROOT, "%.2f", target).replaceAll("0$", "")
                    + (metric == Metric.P50_DELTA || metric == Metric.CPU_DELTA ? " µs" : metric.difference ? " B" : "×");
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
    private static final Set<String> ECHO = Set.of("echo-64B");
    private static final double NONE = Double.NaN;
    private static final List<String> CONTAINERS = List.of("tyrus", "jetty", "undertow");

    /** The issue-12 targets, like for like: every taro-socket cell against its raw twin (see {@link Clients#twins}). */
    static final List<Def> DEFS = defs();

    private static List<Def> defs() {
        List<Def> d = new ArrayList<>();
        for (String[] t : Clients.twins()) {
            d.add(new Def(t[0], t[1], Metric.THROUGHPUT, TPUT, 0.95, true));
            d.add(new Def(t[0], t[1], Metric.CPU, TPUT, 1.1, false));
            d.add(new Def(t[0], t[1], Metric.CPU_DELTA, TPUT, 1.0, false));
            d.add(new Def(t[0], t[1], Metric.ALLOC_DELTA, TPUT, NONE, false));
        }
        for (String c : CONTAINERS) {
            d.add(new Def("taro-" + c + "-1", "spring-" + c, Metric.THROUGHPUT, TPUT, 1.05, true));
            d.add(new Def("taro-" + c + "-1", "spring-" + c, Metric.CPU, TPUT, NONE, false));
        }
        for (String c : CONTAINERS) {
            d.add(new Def("taro-" + c + "-1", "raw-" + c + "-1", Metric.P50_DELTA, ECHO, 10, false));
            d.add(new Def("taro-" + c + "-inline", "raw-" + c + "-1", Metric.P50_DELTA, ECHO, 3, false));
            d.add(new Def("taro-" + c + "-1", "raw-" + c + "-1", Metric.CPU_DELTA, ECHO, NONE, false));
            d.add(new Def("taro-" + c + "-inline", "raw-" + c + "-1", Metric.CPU_DELTA, ECHO, NONE, false));
            d.add(new Def("taro-" + c + "-1", "raw-" + c + "-1", Metric.ALLOC_DELTA, ECHO, NONE, false));
            d.add(new Def("taro-" + c + "-inline", "raw-" + c + "-1", Metric.ALLOC_DELTA, ECHO, NONE, false));
            // the default delivery against a bare hand-off on the same container: what the lane costs beyond one
            d.add(new Def("taro-" + c + "-1", "raw-" + c + "-handoff", Metric.P50_DELTA, ECHO, NONE, false));
            d.add(new Def("raw-" + c + "-handoff", "raw-" + c + "-1", Metric.P50_DELTA, ECHO, NONE, false));
        }
        d.add(new Def("taro-default-1", "raw-tyrus-shared-1", Metric.P50_DELTA, ECHO, 10, false));
        d.add(new Def("taro-default-inline", "raw-tyrus-shared-1", Metric.P50_DELTA, ECHO, 3, false));
        d.add(new Def("taro-default-1", "raw-tyrus-1", Metric.P50_DELTA, ECHO, 10, false));
        for (String w : List.of("1", "16")) { // the cost of Tyrus's shared transport itself (the default's choice)
            d.add(new Def("raw-tyrus-shared-" + w, "raw-tyrus-" + w, Metric.THROUGHPUT, TPUT, NONE, true));
            d.add(new Def("raw-tyrus-shared-" + w, "raw-tyrus-" + w, Metric.CPU, TPUT, NONE, false));
        }
        return List.copyOf(d);
    }

    private Ratios() {
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
                    values.add(def.metric().difference ? x - y : x / y);
                }
                if (!values.isEmpty()) {
                    out.add(new Result(def, scenario, Stats.of(values)));
                }
            }
        }
        return out;
    }
}
