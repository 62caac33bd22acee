package dev.tarosocket.bench;

import jdk.jfr.Recording;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's entry point (see BENCHMARKS.md). Options, all optional:
 * --rounds N (3), --seconds S per cell (2), --warmup-seconds S (0.5), --clients a,b (all),
 * --scenarios a,b (16 B and 1 KiB one-way and echo; tput-64KiB-text, tput-1MiB-binary on request),
 * --sockets N for the scale test (2000; several as 5000,10000),
 * --scale-rounds N (= rounds), --unshared-max N (2000: raw Tyrus without its shared container
 * starts threads per connection, so it is capped), --scale-configs a,b (all), --scale-jvm-args "-Xmx3g", --scale-jfr (a JFR
 * recording per scale child, scale-CONFIG-SOCKETS.jfr in the output folder), --skip-scale, --skip-profile, --profile-seconds S (4),
 * --profile-clients a,b (taro and raw, serial, on each container), --out DIR (target/bench-results:
 * committed figures live under docs/benchmarks/ and change only when someone publishes a run),
 * --peer-dir DIR, --peer-script FILE.
 */
public final class BenchMain {

    private static final long MAX_MESSAGES_PER_CELL = 20_000_000;
    private static final int MAX_LATENCY_SAMPLES = 200_000;
    private static final long SCALE_LIMIT_SECONDS = 300;

    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = parse(argv);
        if (a.containsKey("scale-child")) {
            Scale.Result r = Scale.run(Scale.byName(a.get("scale-child")), java.net.URI.create(a.get("peer-url")),
                    Integer.parseInt(a.get("sockets")), TimeUnit.SECONDS.toNanos(Long.parseLong(a.get("scale-limit-seconds"))),
                    Integer.parseInt(a.get("round")));
            say(Scale.encode(r));
            System.exit(0);
        }
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        long cellNanos = (long) (Double.parseDouble(a.getOrDefault("seconds", "2")) * 1e9);
        long warmupNanos = (long) (Double.parseDouble(a.getOrDefault("warmup-seconds", "0.5")) * 1e9);
        List<Integer> socketCounts = list(a.getOrDefault("sockets", "2000")).stream().map(Integer::parseInt).toList();
        int unsharedMax = Integer.parseInt(a.getOrDefault("unshared-max", "2000"));
        int scaleRounds = Integer.parseInt(a.getOrDefault("scale-rounds", String.valueOf(rounds)));
        long profileNanos = (long) (Double.parseDouble(a.getOrDefault("profile-seconds", "4")) * 1e9);
        Path out = Path.of(a.getOrDefault("out", "target/bench-results"));
        Path peerDir = Path.of(a.getOrDefault("peer-dir", "target/bench-peer"));
        Path peerScript = Path.of(a.getOrDefault("peer-script", "src/bench/peer/peer.js"));
        List<Clients.Spec> clients = Clients.select(list(a.get("clients")));
        List<String> wanted = list(a.getOrDefault("scenarios", "tput-16B-text,tput-1KiB-text,echo-64B"));
        List<Scenarios.Payload> payloads = Arrays.stream(Scenarios.THROUGHPUT)
                .filter(p -> wanted.isEmpty() || wanted.contains(p.scenario())).toList();
        boolean echo = wanted.isEmpty() || wanted.contains(Scenarios.ECHO.scenario());
        List<String> scenarioNames = new ArrayList<>(payloads.stream().map(Scenarios.Payload::scenario).toList());
        if (echo) {
            scenarioNames.add(Scenarios.ECHO.scenario());
        }
        Files.createDirectories(out);

        Map<String, String> machine = machine();
        say("machine: " + machine);
        List<Cell> cells = new ArrayList<>();
        List<Scale.Result> scale = new ArrayList<>();
        String profile = null;
        try (Peer peer = Peer.start(peerDir, peerScript)) {
            say("peer: node ws, pid " + peer.pid() + ", " + peer.uri("/"));
            say("warm-up: " + warmupNanos / 1_000_000 + " ms per client and scenario, not recorded");
            for (Clients.Spec c : clients) {
                for (Scenarios.Payload p : c.echoOnly() ? List.<Scenarios.Payload>of() : payloads) {
                    report(Scenarios.throughput(c, peer, p, warmupNanos, MAX_MESSAGES_PER_CELL, 0));
                }
                if (echo && c.window() == 1) { // echo keeps one message in flight whatever the window
                    report(Scenarios.latency(c, peer, warmupNanos, MAX_LATENCY_SAMPLES, 0));
                }
            }
            for (int r = 1; r <= rounds; r++) {
                List<Clients.Spec> order = new ArrayList<>(clients);
                if (r % 2 == 0) {
                    Collections.reverse(order); // alternate: no client always runs right after the same one
                }
                say("round " + r + " of " + rounds + ", load average " + load());
                machine.put("load average at round " + r, load());
                for (Scenarios.Payload p : payloads) {
                    for (Clients.Spec c : order) {
                        if (!c.echoOnly()) {
                            cells.add(report(Scenarios.throughput(c, peer, p, cellNanos, MAX_MESSAGES_PER_CELL, r)));
                        }
                    }
                }
                if (echo) {
                    for (Clients.Spec c : order) {
                        if (c.window() == 1) {
                            cells.add(report(Scenarios.latency(c, peer, cellNanos, MAX_LATENCY_SAMPLES, r)));
                        }
                    }
                }
            }
            if (!a.containsKey("skip-scale")) {
                for (int r = 1; r <= scaleRounds; r++) {
                    List<String> only = list(a.get("scale-configs"));
                    List<Scale.Config> order = new ArrayList<>(Scale.CONFIGS.stream()
                            .filter(c -> only.isEmpty() || only.contains(c.name())).toList());
                    if (r % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (int sockets : socketCounts) {
                        for (Scale.Config config : order) {
                            int n = config.name().equals("raw-tyrus-unshared") ? Math.min(sockets, unsharedMax) : sockets;
                            say("scale round " + r + ": " + config.name() + ", " + n + " sockets in a fresh JVM, load average " + load());
                            List<String> jvmArgs = new ArrayList<>(List.of(a.getOrDefault("scale-jvm-args", "-Xmx3g").split(" ")));
                            if (a.containsKey("scale-jfr")) {
                                jvmArgs.add("-XX:StartFlightRecording=settings=profile,filename="
                                        + out.resolve("scale-" + config.name() + "-" + n + ".jfr"));
                            }
                            Scale.Result res = Scale.inChildJvm(config, peer.uri("/echo"), n, TimeUnit.SECONDS.toNanos(SCALE_LIMIT_SECONDS),
                                    r, jvmArgs);
                            say("  " + res);
                            scale.add(res);
                        }
                    }
                }
            }
            if (!a.containsKey("skip-profile")) {
                profile = profile(list(a.getOrDefault("profile-clients", "raw-tyrus-1,taro-tyrus-1,taro-tyrus-inline,"
                        + "raw-jetty-1,taro-jetty-1,taro-jetty-inline,raw-undertow-1,taro-undertow-1,taro-undertow-inline")),
                        peer, profileNanos, out);
            }
        }
        machine.put("load average at end", load());
        machine.put("finished", Instant.now().toString());
        Report report = new Report(cells, scale, scenarioNames, clients.stream().map(Clients.Spec::name).toList(), machine);
        report.write(out);
        try {
            if (!cells.isEmpty()) {
                Chart.write(report.ratios(), out.resolve("ratios.png"));
            }
        } catch (Exception | LinkageError e) {
            say("chart not rendered: " + e);
        }
        if (profile != null) {
            Profile.write(out.resolve("profile.md"), profile);
        }
        say("\n" + report.markdown());
        say("written: " + out.resolve("results.md") + ", results.json, results.csv, ratios.png"
                + (profile != null ? ", profile.md" : ""));
        System.exit(0); // container threads (Grizzly, Jetty) are not all daemons
    }

    /**
     * JFR (CPU samples and allocation samples) per client: 16 B and 1 KiB one-way (send and completion
     * paths) and 64 B echo (receive path); inline clients only echo.
     */
    private static String profile(List<String> names, Peer peer, long nanos, Path out) throws Exception {
        List<String> parts = new ArrayList<>();
        for (Clients.Spec spec : Clients.select(names)) {
            say("profiling " + spec.name() + " with JFR");
            Recording rec = Profile.start();
            if (!spec.echoOnly()) {
                report(Scenarios.throughput(spec, peer, Scenarios.THROUGHPUT[0], nanos, MAX_MESSAGES_PER_CELL, -1));
                report(Scenarios.throughput(spec, peer, Scenarios.THROUGHPUT[1], nanos, MAX_MESSAGES_PER_CELL, -1));
            }
            if (spec.window() == 1) {
                report(Scenarios.latency(spec, peer, nanos, MAX_LATENCY_SAMPLES, -1));
            }
            parts.add(Profile.stopAndSummarize(rec, out.resolve("profile-" + spec.name() + ".jfr"),
                    spec.name() + (spec.echoOnly() ? ": 64 B echo" : ": 16 B and 1 KiB one-way, 64 B echo")));
        }
        return parts.isEmpty() ? null : Profile.joined(parts);
    }

    private static Cell report(Cell c) {
        if (!c.ok()) {
            say(String.format(Locale.ROOT, "  r%d %-18s %-14s FAILED: %s", c.round(), c.scenario(), c.client(), c.error()));
        } else if (c.scenario().startsWith("echo")) {
            say(String.format(Locale.ROOT, "  r%d %-16s %-20s p50 %8.1f µs  p99 %8.1f µs  cpu %7.2f µs/rt  alloc %6.0f B/rt  load %.1f  n=%d",
                    c.round(), c.scenario(), c.client(), c.p50Micros(), c.p99Micros(), c.cpuNsPerMsg() / 1e3,
                    c.allocBytesPerMsg(), c.load1(), c.messages()));
        } else {
            say(String.format(Locale.ROOT, "  r%d %-16s %-20s %9.0f msg/s  cpu %7.2f µs/msg  alloc %6.0f B/msg  peer %6.2f µs/msg  load %.1f  n=%d",
                    c.round(), c.scenario(), c.client(), c.msgsPerSec(), c.cpuNsPerMsg() / 1e3,
                    c.allocBytesPerMsg(), c.peerCpuNsPerMsg() / 1e3, c.load1(), c.messages()));
        }
        return c;
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("started", Instant.now().toString());
        m.put("cpu", cpuModel());
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("load average at start", load());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0]
                    + " " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[1]
                    + " " + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[2];
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String key = argv[i].substring(2);
            if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                m.put(key, argv[++i]);
            } else {
                m.put(key, "true");
            }
        }
        return m;
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
