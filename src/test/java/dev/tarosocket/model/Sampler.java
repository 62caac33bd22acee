package dev.tarosocket.model;

import java.util.List;
import java.util.function.Supplier;

/**
 * Samples every socket's bufferedAmount about once a millisecond while a run goes on, so that a
 * transient value outside [0, bytes of pending sends] is caught even between steps. The first such
 * value is kept (with the step it was seen in) and reported by the next invariant check.
 */
final class Sampler implements AutoCloseable {

    private final Thread thread;
    private final Supplier<List<Probe>> probes;
    private final Supplier<String> step;
    private volatile boolean running = true;
    /** The first out-of-range sample, or null. */
    volatile String violation;

    Sampler(Supplier<List<Probe>> probes, Supplier<String> step) {
        this.probes = probes;
        this.step = step;
        this.thread = new Thread(this::loop, "model-buffered-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running && violation == null) {
            for (Probe p : probes.get()) {
                if (p.task == null) {
                    continue;
                }
                long started = p.sendsStarted.get();
                long pending = p.pendingSendBytes(); // sends only complete, so this bounds the value read next
                long buffered = p.task.bufferedAmount();
                boolean raced = p.sendsStarted.get() != started; // a new send may be counted in buffered only
                if (buffered < 0 || buffered > pending && !raced) {
                    violation = "socket#" + p.index + " bufferedAmount=" + buffered + " while pending sends total "
                            + pending + " (sampled during " + step.get() + ")";
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
