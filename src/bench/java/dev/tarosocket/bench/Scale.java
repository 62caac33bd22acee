package dev.tarosocket.bench;

import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;

import jakarta.websocket.Session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Connection scale: open N idle sockets to the peer, then count live threads and the heap each
 * socket holds after GC. Like for like on handshakes in flight: a raw client connects from a fixed
 * pool of {@code connectors} threads (connectToServer blocks, so that is its handshakes in flight);
 * taro-socket is called N times and runs its handshakes on its own executor (32 threads,
 * EngineExecutors.HANDSHAKE_THREADS) or on a pool of {@code pool} threads handed to builder().executors(..).
 */
final class Scale {

    private static final long SETTLE_MILLIS = 1_000;
    /** The library's own handshake threads (EngineExecutors.HANDSHAKE_THREADS, not public). */
    static final int OWN_HANDSHAKE_THREADS = 32;

    /**
     * {@code pool}: for taro, 0 = the library's own executors, else a fixed pool of that many threads;
     * {@code connectors}: for raw, the threads connecting (= handshakes in flight).
     */
    record Config(String name, boolean taro, int pool, int connectors, Supplier<Containers.Handle> container,
                  String description) {
        int inFlight() {
            return taro ? (pool == 0 ? OWN_HANDSHAKE_THREADS : pool) : connectors;
        }
    }

    static final List<Config> CONFIGS = List.of(
            new Config("raw-tyrus-unshared", false, 0, 32, () -> Containers.tyrus(false),
                    "Tyrus ClientManager as created (a Grizzly transport per connection), 32 connecting"),
            new Config("raw-tyrus-shared-16", false, 0, 16, () -> Containers.tyrus(true),
                    "Tyrus with SHARED_CONTAINER=true, 16 connecting"),
            new Config("raw-tyrus-shared-32", false, 0, 32, () -> Containers.tyrus(true), "the same, 32 connecting"),
            new Config("raw-tyrus-shared-64", false, 0, 64, () -> Containers.tyrus(true), "the same, 64 connecting"),
            new Config("taro-default", true, 0, 0, () -> Containers.NONE,
                    "SocketManager.builder() with maxSockets raised: container looked up (Tyrus, shared transport), own executors"),
            new Config("taro-default-pool32", true, 32, 0, () -> Containers.NONE, "the same with a given pool of 32 threads"),
            new Config("taro-default-pool64", true, 64, 0, () -> Containers.NONE, "the same with a given pool of 64 threads"),
            new Config("raw-jetty-16", false, 0, 16, Containers::jetty, "Jetty 12.1 ee10 client container, 16 connecting"),
            new Config("raw-jetty-32", false, 0, 32, Containers::jetty, "the same, 32 connecting"),
            new Config("raw-jetty-64", false, 0, 64, Containers::jetty, "the same, 64 connecting"),
            new Config("taro-jetty", true, 0, 0, Containers::jetty, "taro-socket over Jetty 12.1, own executors"),
            new Config("taro-jetty-pool64", true, 64, 0, Containers::jetty, "the same with a given pool of 64 threads"));

    /** One scale measurement. */
    record Result(String config, int round, int sockets, int opened, double connectSeconds, double connectsPerSec,
                  int liveThreads, int peakThreads, int baselineThreads, double heapBytesPerSocket, String error) {
    }

    private Scale() {
    }

    static Config byName(String name) {
        return CONFIGS.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scale config " + name));
    }

    /**
     * Runs one config in a fresh JVM (threads and heap are process-wide, so each config gets a
     * process of its own) and reads back the line {@link #encode} printed.
     */
    static Result inChildJvm(Config config, URI echo, int sockets, long limitNanos, int round, List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(),
                "--scale-child", config.name(), "--peer-url", echo.toString(), "--sockets", String.valueOf(sockets),
                "--round", String.valueOf(round), "--scale-limit-seconds", String.valueOf(limitNanos / 1_000_000_000)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            Result result = null;
            StringBuilder tail = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(RESULT_PREFIX)) {
                        result = decode(line);
                    } else if (tail.length() < 2_000) {
                        tail.append(line).append(' ');
                    }
                }
            }
            if (!p.waitFor(limitNanos / 1_000_000_000 + 120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return result != null ? result : new Result(config.name(), round, sockets, 0, 0, 0, 0, 0, 0, Double.NaN,
                    "child JVM gave no result (exit " + p.exitValue() + "): " + tail.toString().trim());
        } catch (IOException | InterruptedException e) {
            return new Result(config.name(), round, sockets, 0, 0, 0, 0, 0, 0, Double.NaN, "child JVM failed: " + e);
        }
    }

    private static final String RESULT_PREFIX = "SCALE-RESULT\t";

    static String encode(Result r) {
        return RESULT_PREFIX + String.join("\t", r.config(), String.valueOf(r.round()), String.valueOf(r.sockets()),
                String.valueOf(r.opened()), String.valueOf(r.connectSeconds()), String.valueOf(r.connectsPerSec()),
                String.valueOf(r.liveThreads()), String.valueOf(r.peakThreads()), String.valueOf(r.baselineThreads()),
                String.valueOf(r.heapBytesPerSocket()), r.error() == null ? "" : r.error().replace('\t', ' ').replace('\n', ' '));
    }

    private static Result decode(String line) {
        String[] f = line.substring(RESULT_PREFIX.length()).split("\t", -1);
        return new Result(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                Integer.parseInt(f[8]), Double.parseDouble(f[9]), f[10].isEmpty() ? null : f[10]);
    }

    static Result run(Config config, URI uri, int sockets, long limitNanos, int round) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Containers.Handle container = config.container().get();
        // One connection first, opened and closed: Jetty starts its client lazily on the first
        // connect, and a burst of first connects races that start ("WebSocketCoreClient is not started").
        try {
            if (container.container() != null) {
                Jsr356Client.connect(container.container(), uri, null).close();
            }
        } catch (Exception e) {
            container.close();
            return new Result(config.name(), round, sockets, 0, 0, 0, 0, 0, 0, Double.NaN, "priming connect failed: " + e);
        }
        long heap0 = usedHeapAfterGc();
        int baseline = threads.getThreadCount();
        threads.resetPeakThreadCount();
        List<Session> sessions = new ArrayList<>();
        SocketManager manager = null;
        ExecutorService givenPool = null;
        ScheduledExecutorService givenTimer = null;
        String error = null;
        int opened = 0;
        long t0 = System.nanoTime();
        double connectSeconds;
        try {
            if (config.taro()) {
                if (config.pool() > 0) {
                    givenPool = Executors.newFixedThreadPool(config.pool());
                    givenTimer = Executors.newSingleThreadScheduledExecutor();
                }
                manager = TaroClient.manager(container, sockets + 16, givenPool, givenTimer);
                AtomicReference<String> firstFailure = new AtomicReference<>();
                opened = connectTaro(manager, uri, sockets, t0 + limitNanos, firstFailure);
                if (firstFailure.get() != null) {
                    error = "first failed open: " + firstFailure.get();
                }
            } else {
                AtomicReference<String> firstFailure = new AtomicReference<>();
                opened = connectRaw(container, uri, sockets, config.connectors(), t0 + limitNanos, sessions, firstFailure);
                if (firstFailure.get() != null) {
                    error = "first failed connect: " + firstFailure.get();
                }
            }
        } catch (Exception e) {
            error = e.toString();
        } finally {
            connectSeconds = (System.nanoTime() - t0) / 1e9;
        }
        if (opened < sockets) {
            error = (error == null ? "" : error + "; ") + "only " + opened + " of " + sockets + " sockets opened within " + limitNanos / 1_000_000_000 + " s";
        }
        sleep(SETTLE_MILLIS);
        int live = threads.getThreadCount();
        int peak = threads.getPeakThreadCount();
        long heap1 = usedHeapAfterGc();
        double perSocket = opened == 0 ? Double.NaN : (heap1 - heap0) / (double) opened;
        closeAll(sessions);
        if (manager != null) {
            manager.close();
        }
        if (givenPool != null) {
            givenPool.shutdownNow();
            givenTimer.shutdownNow();
        }
        container.close();
        sleep(SETTLE_MILLIS);
        return new Result(config.name(), round, sockets, opened, connectSeconds, opened / connectSeconds, live, peak,
                baseline, perSocket, error);
    }

    private static int connectRaw(Containers.Handle container, URI uri, int sockets, int connectors, long deadline,
                                  List<Session> out, AtomicReference<String> firstFailure) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(connectors);
        AtomicInteger failures = new AtomicInteger();
        List<Future<Session>> futures = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            futures.add(pool.submit(() -> {
                if (System.nanoTime() - deadline > 0 || failures.get() > 0) {
                    return null;
                }
                try {
                    return Jsr356Client.connect(container.container(), uri, null);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    Throwable root = e;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    firstFailure.compareAndSet(null, e + " (root: " + root + ")");
                    throw e;
                }
            }));
        }
        pool.shutdown();
        pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        pool.shutdownNow();
        for (Future<Session> f : futures) {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    Session s = f.get();
                    if (s != null && s.isOpen()) {
                        out.add(s);
                    }
                } catch (Exception e) {
                    // counted as not opened
                }
            }
        }
        return out.size();
    }

    private static int connectTaro(SocketManager manager, URI uri, int sockets, long deadline,
                                   AtomicReference<String> firstFailure) throws Exception {
        List<CompletableFuture<?>> opens = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            SocketTask task = manager.connectSocket(uri.toString()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            opens.add(task.whenOpen().toCompletableFuture());
        }
        int opened = 0;
        for (CompletableFuture<?> f : opens) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                opened++;
            } catch (Exception e) {
                firstFailure.compareAndSet(null, String.valueOf(e.getCause() != null ? e.getCause() : e));
            }
        }
        return opened;
    }

    private static void closeAll(List<Session> sessions) {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (Session s : sessions) {
            pool.execute(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    // best effort
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
