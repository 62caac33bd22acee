package dev.tarosocket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes results.json, results.csv and results.md (tables and ratios) under the output folder. */
final class Report {

    private final List<Cell> cells;
    private final List<Scale.Result> scale;
    private final List<Ratios.Result> ratios;
    private final List<String> scenarios;
    private final List<String> clients;
    private final Map<String, String> machine;

    Report(List<Cell> cells, List<Scale.Result> scale, List<String> scenarios, List<String> clients, Map<String, String> machine) {
        this.cells = cells;
        this.scale = scale;
        this.scenarios = scenarios;
        this.clients = clients;
        this.machine = machine;
        this.ratios = Ratios.compute(cells, scenarios);
    }

    List<Ratios.Result> ratios() {
        return ratios;
    }

    Stats stats(String scenario, String client, java.util.function.ToDoubleFunction<Cell> metric) {
        return Stats.of(cells.stream().filter(c -> c.ok() && c.scenario().equals(scenario) && c.client().equals(client))
                .map(c -> metric.applyAsDouble(c)).collect(Collectors.toList()));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
    }

    private String csv() {
        StringBuilder b = new StringBuilder("kind,scenario,client,round,messages,seconds,msgs_per_s,mib_per_s,"
                + "client_cpu_ns_per_msg,peer_cpu_ns_per_msg,p50_us,p99_us,alloc_bytes_per_msg,load1,sockets,opened,connects_per_s,live_threads,"
                + "peak_threads,baseline_threads,heap_bytes_per_socket,error\n");
        for (Cell c : cells) {
            b.append(String.join(",", "cell", c.scenario(), c.client(), String.valueOf(c.round()), String.valueOf(c.messages()),
                    Stats.json(c.seconds()), Stats.json(c.msgsPerSec()), Stats.json(c.mibPerSec()), Stats.json(c.cpuNsPerMsg()),
                    Stats.json(c.peerCpuNsPerMsg()), Stats.json(c.p50Micros()), Stats.json(c.p99Micros()),
                    Stats.json(c.allocBytesPerMsg()), Stats.json(c.load1()), "", "", "", "", "", "", "",
                    csvText(c.error()))).append('\n');
        }
        for (Scale.Result s : scale) {
            b.append(String.join(",", "scale", "scale-" + s.sockets(), s.config(), String.valueOf(s.round()), "",
                    Stats.json(s.connectSeconds()), "", "", "", "", "", "", "", "", String.valueOf(s.sockets()), String.valueOf(s.opened()),
                    Stats.json(s.connectsPerSec()), String.valueOf(s.liveThreads()), String.valueOf(s.peakThreads()),
                    String.valueOf(s.baselineThreads()), Stats.json(s.heapBytesPerSocket()), csvText(s.error()))).append('\n');
        }
        for (Ratios.Result r : ratios) {
            b.append(String.join(",", "ratio", r.scenario(), csvText(r.def().name()), "median", "", "", Stats.json(r.stats().median()),
                    "", "", "", "", "", "", "", "", "", "", "", "", "", "", csvText(r.verdict() + " target " + r.def().targetText())))
                    .append('\n');
        }
        return b.toString();
    }

    private static String csvText(String s) {
        return s == null ? "" : '"' + s.replace("\"", "'") + '"';
    }

    private String json() {
        StringBuilder b = new StringBuilder("{\n  \"machine\": {");
        b.append(machine.entrySet().stream().map(e -> q(e.getKey()) + ": " + q(e.getValue())).collect(Collectors.joining(", ")));
        b.append("},\n  \"cells\": [\n");
        b.append(cells.stream().map(c -> "    {\"scenario\": " + q(c.scenario()) + ", \"client\": " + q(c.client())
                + ", \"round\": " + c.round() + ", \"messages\": " + c.messages() + ", \"seconds\": " + Stats.json(c.seconds())
                + ", \"msgsPerSec\": " + Stats.json(c.msgsPerSec()) + ", \"mibPerSec\": " + Stats.json(c.mibPerSec())
                + ", \"clientCpuNsPerMsg\": " + Stats.json(c.cpuNsPerMsg()) + ", \"peerCpuNsPerMsg\": " + Stats.json(c.peerCpuNsPerMsg())
                + ", \"p50Micros\": " + Stats.json(c.p50Micros()) + ", \"p99Micros\": " + Stats.json(c.p99Micros())
                + ", \"allocBytesPerMsg\": " + Stats.json(c.allocBytesPerMsg()) + ", \"load1\": " + Stats.json(c.load1())
                + ", \"error\": " + q(c.error()) + "}").collect(Collectors.joining(",\n")));
        b.append("\n  ],\n  \"scale\": [\n");
        b.append(scale.stream().map(s -> "    {\"config\": " + q(s.config()) + ", \"round\": " + s.round() + ", \"sockets\": "
                + s.sockets() + ", \"opened\": " + s.opened() + ", \"connectSeconds\": " + Stats.json(s.connectSeconds())
                + ", \"connectsPerSec\": " + Stats.json(s.connectsPerSec()) + ", \"liveThreads\": " + s.liveThreads()
                + ", \"peakThreads\": " + s.peakThreads() + ", \"baselineThreads\": " + s.baselineThreads()
                + ", \"heapBytesPerSocket\": " + Stats.json(s.heapBytesPerSocket()) + ", \"error\": " + q(s.error()) + "}")
                .collect(Collectors.joining(",\n")));
        b.append("\n  ],\n  \"ratios\": [\n");
        b.append(ratios.stream().map(r -> "    {\"ratio\": " + q(r.def().name()) + ", \"scenario\": " + q(r.scenario())
                + ", \"median\": " + Stats.json(r.stats().median()) + ", \"min\": " + Stats.json(r.stats().min())
                + ", \"max\": " + Stats.json(r.stats().max()) + ", \"rounds\": " + r.stats().n()
                + ", \"target\": " + q(r.def().targetText()) + ", \"verdict\": " + q(r.verdict()) + "}")
                .collect(Collectors.joining(",\n")));
        b.append("\n  ]\n}\n");
        return b.toString();
    }

    private static String q(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Machine: ").append(machine.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "))).append("\n\n");
        b.append("Machine load (1-minute load average at the end of each cell, 2 cores shared): ")
                .append(Stats.of(cells.stream().map(Cell::load1).toList()).format(3)).append("\n\n");
        List<String> tput = scenarios.stream().filter(s -> s.startsWith("tput")).toList();
        for (String s : tput) {
            b.append("### ").append(s).append(": one-way, peer-confirmed; median (min–max) over rounds\n\n"
                    + "| client | msgs/s | client CPU µs/msg | alloc B/msg (all threads) | peer CPU µs/msg |\n|---|---|---|---|---|\n");
            for (String client : clients) {
                if (stats(s, client, Cell::msgsPerSec).n() == 0) {
                    continue;
                }
                b.append("| ").append(client).append(" | ").append(stats(s, client, Cell::msgsPerSec).format(3)).append(" | ")
                        .append(stats(s, client, c -> c.cpuNsPerMsg() / 1e3).format(3)).append(" | ")
                        .append(stats(s, client, Cell::allocBytesPerMsg).format(3)).append(" | ")
                        .append(stats(s, client, c -> c.peerCpuNsPerMsg() / 1e3).format(3)).append(" |\n");
            }
            b.append('\n');
        }
        if (scenarios.contains(Scenarios.ECHO.scenario())) {
            b.append("### Echo latency, 64 B text, one message in flight\n\n| client | p50 µs | p99 µs | client CPU µs per round trip "
                    + "| alloc B per round trip | round trips/s |\n|---|---|---|---|---|---|\n");
            for (String client : clients) {
                String s = Scenarios.ECHO.scenario();
                if (stats(s, client, Cell::p50Micros).n() == 0) {
                    continue;
                }
                b.append("| ").append(client).append(" | ").append(stats(s, client, Cell::p50Micros).format(3)).append(" | ")
                        .append(stats(s, client, Cell::p99Micros).format(3)).append(" | ")
                        .append(stats(s, client, c -> c.cpuNsPerMsg() / 1e3).format(3)).append(" | ")
                        .append(stats(s, client, Cell::allocBytesPerMsg).format(3)).append(" | ")
                        .append(stats(s, client, Cell::msgsPerSec).format(3)).append(" |\n");
            }
        }
        if (!ratios.isEmpty()) {
            b.append("\n### Ratios (computed within each round, then median (min–max) over rounds)\n\n"
                    + "| ratio | scenario | value | target | verdict |\n|---|---|---|---|---|\n");
            for (Ratios.Result r : ratios) {
                b.append("| ").append(r.def().name()).append(" | ").append(r.scenario()).append(" | ")
                        .append(r.stats().format(3)).append(" | ").append(r.def().targetText()).append(" | ")
                        .append(r.verdict()).append(" |\n");
            }
        }
        if (!scale.isEmpty()) {
            b.append("\n### Connection scale, median (min–max) over rounds\n\n| config | sockets | opened | connects/s | live threads | peak threads | threads before | heap bytes per socket after GC | errors |\n|---|---|---|---|---|---|---|---|---|\n");
            Map<String, List<Scale.Result>> by = new LinkedHashMap<>();
            scale.forEach(s -> by.computeIfAbsent(s.config() + "|" + s.sockets(), k -> new ArrayList<>()).add(s));
            for (List<Scale.Result> rs : by.values()) {
                Scale.Result first = rs.get(0);
                b.append("| ").append(first.config()).append(" | ").append(first.sockets()).append(" | ")
                        .append(Stats.of(rs.stream().map(s -> (double) s.opened()).toList()).format(4)).append(" | ")
                        .append(Stats.of(rs.stream().map(Scale.Result::connectsPerSec).toList()).format(3)).append(" | ")
                        .append(Stats.of(rs.stream().map(s -> (double) s.liveThreads()).toList()).format(4)).append(" | ")
                        .append(Stats.of(rs.stream().map(s -> (double) s.peakThreads()).toList()).format(4)).append(" | ")
                        .append(Stats.of(rs.stream().map(s -> (double) s.baselineThreads()).toList()).format(4)).append(" | ")
                        .append(Stats.of(rs.stream().map(Scale.Result::heapBytesPerSocket).toList()).format(3)).append(" | ")
                        .append(rs.stream().map(Scale.Result::error).filter(e -> e != null).distinct().collect(Collectors.joining("; ")))
                        .append(" |\n");
            }
        }
        if (!scale.isEmpty()) {
            scaleRatios(b);
        }
        List<Cell> failed = cells.stream().filter(c -> !c.ok()).toList();
        if (!failed.isEmpty()) {
            b.append("\n### Cells that failed\n\n| scenario | client | round | error |\n|---|---|---|---|\n");
            failed.forEach(c -> b.append("| ").append(c.scenario()).append(" | ").append(c.client()).append(" | ")
                    .append(c.round()).append(" | ").append(c.error().replace("|", "/")).append(" |\n"));
        }
        return b.toString();
    }

    /**
     * Pairs with the same handshakes in flight (the library's own executor: 32), taro-socket's connect
     * rate over the raw container's, within each round; then the default against raw with 16.
     */
    private static final String[][] CONNECT_TWINS = {
        {"taro-default", "raw-tyrus-shared-32"}, {"taro-default-pool32", "raw-tyrus-shared-32"},
        {"taro-default-pool64", "raw-tyrus-shared-64"}, {"taro-jetty", "raw-jetty-32"}, {"taro-jetty-pool64", "raw-jetty-64"},
        {"taro-default", "raw-tyrus-shared-16"}, {"taro-jetty", "raw-jetty-16"}, // and against raw with 16 in flight
    };

    private void scaleRatios(StringBuilder b) {
        b.append("\n### Connect rate, taro-socket / raw with the same handshakes in flight (within each round), "
                + "median (min–max); target ≥ 0.9×\n\n| pair | sockets | ratio | verdict |\n|---|---|---|---|\n");
        for (String[] t : CONNECT_TWINS) {
            scale.stream().map(Scale.Result::sockets).distinct().sorted().forEach(n -> {
                List<Double> values = new ArrayList<>();
                for (Scale.Result x : scale) {
                    if (x.config().equals(t[0]) && x.sockets() == n && x.error() == null) {
                        scale.stream().filter(y -> y.config().equals(t[1]) && y.sockets() == n && y.round() == x.round()
                                && y.error() == null).findFirst().ifPresent(y -> values.add(x.connectsPerSec() / y.connectsPerSec()));
                    }
                }
                if (!values.isEmpty()) {
                    Stats st = Stats.of(values);
                    b.append("| ").append(t[0]).append(" / ").append(t[1]).append(" | ").append(n).append(" | ")
                            .append(st.format(3)).append(" | ").append(st.median() >= 0.9 ? "pass" : "FAIL").append(" |\n");
                }
            });
        }
    }
}
