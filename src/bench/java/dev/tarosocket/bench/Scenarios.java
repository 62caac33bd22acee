package dev.tarosocket.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The one-connection scenarios: one-way throughput confirmed by the peer, and echo latency. */
final class Scenarios {

    static final String DONE = "__done__";
    private static final long WAIT_SECONDS = 60;
    private static final int LATENCY_WARMUP_SAMPLES = 500;
    private static final long PARK_NANOS = 1_000_000;

    /** A payload of a throughput scenario. */
    record Payload(String scenario, Object data, int bytes) {
        static Payload text(String scenario, int bytes) {
            return new Payload(scenario, "x".repeat(bytes), bytes);
        }

        static Payload binary(String scenario, int bytes) {
            byte[] b = new byte[bytes];
            Arrays.fill(b, (byte) 'b');
            return new Payload(scenario, ByteBuffer.wrap(b), bytes);
        }
    }

    /** The throughput scenarios; the first two (the targets' sizes) run unless --scenarios names others. */
    static final Payload[] THROUGHPUT = {
        Payload.text("tput-16B-text", 16),
        Payload.text("tput-1KiB-text", 1024),
        Payload.text("tput-64KiB-text", 64 * 1024),
        Payload.binary("tput-1MiB-binary", 1024 * 1024),
    };
    static final Payload ECHO = Payload.text("echo-64B", 64);

    private Scenarios() {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes allocated so far by the live threads of this JVM (the harness's threads outlive a cell). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** The machine's 1-minute load average (other engineers' builds share the cores). */
    static double load1() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** Sends for {@code nanos} (or {@code maxMessages}) with the client's window, then asks the peer for the count. */
    static Cell throughput(Clients.Spec spec, Peer peer, Payload payload, long nanos, long maxMessages, int round) {
        BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
        try (BenchClient client = spec.factory().get()) {
            client.open(peer.uri("/sink"), replies::add);
            int window = spec.window();
            Semaphore permits = new Semaphore(window);
            long cpu0 = processCpuNanos();
            long alloc0 = allocatedBytes();
            long peer0 = peer.cpuNanos();
            long t0 = System.nanoTime();
            long deadline = t0 + nanos;
            long sent = 0;
            try {
                while (sent < maxMessages && System.nanoTime() - deadline < 0) {
                    if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        return Cell.failed(payload.scenario(), spec.name(), round, "no send completed within "
                                + WAIT_SECONDS + " s after " + sent + " sends");
                    }
                    client.send(payload.data(), permits::release);
                    sent++;
                }
            } catch (RuntimeException e) {
                return Cell.failed(payload.scenario(), spec.name(), round, "send #" + (sent + 1) + " refused: " + e);
            }
            if (!permits.tryAcquire(window, WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Cell.failed(payload.scenario(), spec.name(), round, "sends still unwritten after " + WAIT_SECONDS + " s");
            }
            permits.release(window - 1);
            client.send(DONE, permits::release);
            Object reply = replies.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            long cpu = processCpuNanos() - cpu0;
            long alloc = allocatedBytes() - alloc0;
            long peerCpu = peer.cpuNanos() - peer0;
            String expected = "count " + sent + " " + sent * payload.bytes();
            if (!expected.equals(reply)) {
                return Cell.failed(payload.scenario(), spec.name(), round, "peer counted '" + reply + "', expected '" + expected + "'");
            }
            double seconds = (t1 - t0) / 1e9;
            return new Cell(payload.scenario(), spec.name(), round, sent, seconds, sent / seconds,
                    sent * (double) payload.bytes() / seconds / (1 << 20), cpu / (double) sent,
                    peerCpu < 0 ? Double.NaN : peerCpu / (double) sent, Double.NaN, Double.NaN, alloc / (double) sent,
                    load1(), null);
        } catch (Exception e) {
            return Cell.failed(payload.scenario(), spec.name(), round, e.toString());
        }
    }

    /** Ping-pong: one message, wait for its echo, repeat; the first samples warm up and are dropped. */
    static Cell latency(Clients.Spec spec, Peer peer, long nanos, int maxSamples, int round) {
        AtomicLong echoes = new AtomicLong();
        Thread driver = Thread.currentThread();
        try (BenchClient client = spec.factory().get()) {
            client.open(peer.uri("/echo"), m -> {
                echoes.incrementAndGet();
                LockSupport.unpark(driver);
            });
            long[] samples = new long[maxSamples];
            int n = 0;
            long cpu0 = 0;
            long alloc0 = 0;
            long peer0 = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + nanos + 0;
            Runnable ignore = () -> { };
            for (int i = 0; i < LATENCY_WARMUP_SAMPLES + maxSamples; i++) {
                if (i == LATENCY_WARMUP_SAMPLES) {
                    cpu0 = processCpuNanos();
                    alloc0 = allocatedBytes();
                    peer0 = peer.cpuNanos();
                    t0 = System.nanoTime();
                    deadline = t0 + nanos;
                } else if (i > LATENCY_WARMUP_SAMPLES && System.nanoTime() - deadline > 0) {
                    break;
                }
                long expected = echoes.get() + 1;
                long start = System.nanoTime();
                client.send(ECHO.data(), ignore);
                long giveUp = start + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (echoes.get() < expected) {
                    LockSupport.parkNanos(PARK_NANOS);
                    if (System.nanoTime() - giveUp > 0) {
                        return Cell.failed(ECHO.scenario(), spec.name(), round, "no echo within " + WAIT_SECONDS + " s");
                    }
                }
                long rtt = System.nanoTime() - start;
                if (i >= LATENCY_WARMUP_SAMPLES) {
                    samples[n++] = rtt;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = processCpuNanos() - cpu0;
            long alloc = allocatedBytes() - alloc0;
            long peerCpu = peer.cpuNanos() - peer0;
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return new Cell(ECHO.scenario(), spec.name(), round, n, seconds, n / seconds, Double.NaN,
                    cpu / (double) n, peerCpu < 0 ? Double.NaN : peerCpu / (double) n,
                    percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, alloc / (double) n, load1(), null);
        } catch (Exception e) {
            return Cell.failed(ECHO.scenario(), spec.name(), round, e.toString());
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[i];
    }
}
