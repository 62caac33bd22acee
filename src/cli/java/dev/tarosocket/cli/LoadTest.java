package dev.tarosocket.cli;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Load mode: {@code connections} sockets each keep up to {@code window} echo round trips in flight
 * until {@code count} messages (in all) came back. Round-trip latency is measured per message: the
 * echo server answers a socket's messages in order, so each reply matches the oldest send.
 */
final class LoadTest {

    record Plan(String url, int count, int size, int connections, int window, Duration stallTimeout) {
    }

    private final SocketManager manager;
    private final Plan plan;
    private final Function<String, ConnectSocketOption.Builder> options;
    private final PrintStream err;
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    LoadTest(SocketManager manager, Plan plan, Function<String, ConnectSocketOption.Builder> options, PrintStream err) {
        this.manager = manager;
        this.plan = plan;
        this.options = options;
        this.err = err;
    }

    LoadSummary run() throws InterruptedException {
        String payload = "x".repeat(plan.size());
        List<Connection> conns = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(plan.connections());
        for (int i = 0; i < plan.connections(); i++) {
            int share = plan.count() / plan.connections() + (i < plan.count() % plan.connections() ? 1 : 0);
            conns.add(new Connection(share, payload, done));
        }
        for (Connection c : conns) {
            c.connect();
        }
        for (Connection c : conns) {
            c.awaitOpen();
        }
        long start = System.nanoTime();
        for (Connection c : conns) {
            c.start();
        }
        boolean finished;
        long end;
        try (LoadProgress bar = LoadProgress.start(plan.count(), start, err)) {
            finished = awaitProgress(done, bar);
            end = System.nanoTime();
            bar.finish(received.get(), end);
        }
        long elapsed = end - start;
        if (!finished) {
            long missing = plan.count() - received.get();
            errors.computeIfAbsent("TIMEOUT", k -> new AtomicLong()).addAndGet(missing);
            err.println("taro-socket: load: no progress in " + plan.stallTimeout().toMillis() + " ms; " + missing + " replies missing");
        }
        for (Connection c : conns) {
            c.close();
        }
        List<long[]> latencies = new ArrayList<>();
        for (Connection c : conns) {
            latencies.add(c.latencies());
        }
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((k, v) -> byCode.put(k, v.get()));
        return new LoadSummary(plan, sent.get(), received.get(), elapsed, LoadSummary.merge(latencies), byCode);
    }

    /** Waits for every connection, failing after stallTimeout without a reply; moves the progress bar. */
    private boolean awaitProgress(CountDownLatch done, LoadProgress bar) throws InterruptedException {
        long lastSeen = -1;
        long lastChange = System.nanoTime();
        while (!done.await(100, TimeUnit.MILLISECONDS)) {
            long now = received.get();
            bar.update(now);
            if (now != lastSeen) {
                lastSeen = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > plan.stallTimeout().toNanos()) {
                return false;
            }
        }
        return true;
    }

    private void error(Throwable t) {
        Throwable c = t instanceof CompletionException || t instanceof ExecutionException ? t.getCause() : t;
        String code = c instanceof SocketException se ? se.code().name() : c.getClass().getSimpleName();
        errors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    }

    /** One socket's share of the run. */
    private final class Connection {
        private final int total;                 // messages this socket sends
        private final String payload;
        private final CountDownLatch done;
        private final long[] sendTimes;          // guarded by this; send time by sequence number
        private final long[] latencies;          // guarded by this; round trip by sequence number
        private int issued;                      // guarded by this; sends started
        private int answered;                    // guarded by this; replies seen
        private boolean finished;                // guarded by this; counted down on done
        private SocketTask task;

        Connection(int total, String payload, CountDownLatch done) {
            this.total = total;
            this.payload = payload;
            this.done = done;
            this.sendTimes = new long[total];
            this.latencies = new long[total];
        }

        void connect() throws InterruptedException {
            ConnectSocketOption option = options.apply(plan.url())
                    .onMessage(this::echoed)
                    .onClose(e -> finish())
                    .build();
            try {
                task = manager.connectSocket(option).toCompletableFuture().get();
            } catch (ExecutionException e) {
                fail(e);
            }
        }

        void awaitOpen() throws InterruptedException {
            if (task == null) {
                return;
            }
            try {
                task.whenOpen().toCompletableFuture().get();
            } catch (ExecutionException e) {
                fail(e);
            }
        }

        private void fail(ExecutionException e) {
            error(e.getCause());
            err.println("taro-socket: " + Conversation.errMsg(e));
            task = null;
            finish();
        }

        void start() {
            if (task == null) {
                return;
            }
            if (total == 0) {
                finish();
            }
            for (int i = 0; i < Math.min(plan.window(), total); i++) {
                sendNext();
            }
        }

        private void sendNext() {
            synchronized (this) {
                if (issued >= total || finished) {
                    return;
                }
                sendTimes[issued++] = System.nanoTime();
                sent.incrementAndGet();
                // the send only queues; under this lock so queue order matches sendTimes order
                task.send(payload).whenComplete((r, t) -> {
                    if (t != null) {
                        error(t);
                        finish();
                    }
                });
            }
        }

        private void echoed(SocketMessageEvent e) {
            long now = System.nanoTime();
            boolean more;
            synchronized (this) {
                if (answered >= issued) {
                    return; // not one of ours
                }
                latencies[answered] = now - sendTimes[answered];
                answered++;
                more = answered < total;
            }
            received.incrementAndGet();
            if (more) {
                sendNext();
            } else {
                finish();
            }
        }

        private synchronized void finish() {
            if (!finished) {
                finished = true;
                done.countDown();
            }
        }

        synchronized long[] latencies() {
            return java.util.Arrays.copyOf(latencies, answered);
        }

        void close() {
            if (task != null) {
                try {
                    task.close().toCompletableFuture().get(plan.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the socket is gone already; the summary has what happened
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
