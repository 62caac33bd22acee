package dev.tarosocket.model;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Runs one action sequence against a real manager, a fault proxy and an /echo server, checking the
 * invariants ({@link Invariants}) after every step and the terminal ones after a final shutdown.
 */
final class ModelRun implements AutoCloseable {

    /** How long a step may take to settle before the model moves on (not a violation). */
    static final Duration SETTLE = Duration.ofSeconds(3);
    /** The bound on anything the contract promises to happen (a violation when exceeded). */
    static final Duration BOUND = Duration.ofSeconds(10);
    static final int LARGE = 256 * 1024;

    final AtomicLong clock = new AtomicLong();
    final List<Probe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> history = new ArrayList<>();
    TestServer server;
    final FaultProxy proxy;
    final SocketManager manager;
    boolean shutdown;
    boolean stalled;
    int step;
    String stepName = "setup";
    private long nextSeq = 1;
    final Sampler sampler;

    ModelRun() {
        server = TestServer.startRestartable();
        proxy = FaultProxy.start(server.port());
        manager = SocketManager.builder().settings(SocketSettings.builder().maxSockets(1)
                .connectTimeout(Duration.ofSeconds(3)).closeTimeout(Duration.ofSeconds(2))
                .sendTimeout(Duration.ofSeconds(3)).build()).build();
        sampler = new Sampler(() -> probes, () -> "step " + step + " " + stepName);
    }

    void run(List<Action> actions) {
        for (int i = 0; i < actions.size(); i++) {
            step = i + 1;
            stepName = actions.get(i).toString();
            history.add(step + ":" + stepName);
            execute(actions.get(i));
            if (!actions.get(i).quick() && !stalled) {
                waitFor(SETTLE, this::settled);
            }
            Invariants.afterStep(this);
        }
        step = actions.size() + 1;
        stepName = "before the final shutdown";
        if (!stalled && !shutdown) {
            for (Probe p : probes) {
                Invariants.echoesArrive(this, p);
            }
        }
        stepName = "final SHUTDOWN";
        history.add(step + ":" + stepName);
        manager.close();
        shutdown = true;
        Invariants.terminal(this);
        if (Boolean.getBoolean("taro.model.verbose")) {
            System.out.println("MODEL RUN " + history + "\n  " + probes.stream().map(Probe::describe)
                    .collect(java.util.stream.Collectors.joining("\n  ")));
        }
    }

    private boolean settled() {
        for (Probe p : probes) {
            if (!p.ended() && !p.allCallsDone()) {
                return false;
            }
        }
        return true;
    }

    Probe current() {
        for (int i = probes.size() - 1; i >= 0; i--) {
            if (probes.get(i).task != null) {
                return probes.get(i);
            }
        }
        return null;
    }

    private void execute(Action a) {
        Probe p = current();
        switch (a.kind()) {
            case CONNECT -> connect((a.arg() & 1) != 0, (a.arg() & 2) == 0);
            case SEND_TEXT -> sendText(p);
            case SEND_BINARY -> sendBinary(p, (int) (nextSeq * 53 % 2000) + 8);
            case SEND_LARGE -> sendBinary(p, LARGE);
            case CLOSE -> close(p);
            case SERVER_CLOSE -> {
                markFault(p);
                server.closeSessions(Action.SERVER_CLOSE_CODES[a.arg()], "bye");
            }
            case RESET -> {
                markFault(p);
                proxy.resetAll();
            }
            case CUT -> {
                markFault(p);
                proxy.cutAll();
            }
            case STALL -> {
                proxy.stall(true);
                sendText(p);
                sendBinary(p, LARGE);
                waitFor(Duration.ofSeconds(1), () -> p == null || p.ended() || p.task.bufferedAmount() > 0);
                if (a.arg() == 0) {
                    proxy.passThrough();
                } else {
                    stalled = true;
                }
            }
            case UNSTALL -> {
                proxy.passThrough();
                stalled = false;
            }
            case RESTART -> restartServer(p);
            case SLOW_LISTENER -> {
                if (p != null) {
                    p.slowRemaining.set(a.arg());
                }
                sendText(p);
                sendText(p);
            }
            case SHUTDOWN -> {
                manager.close();
                shutdown = true;
            }
        }
    }

    private void connect(boolean reconnect, boolean waitOpen) {
        boolean slotFree = true;
        for (Probe q : probes) {
            slotFree &= q.task == null || q.ended();
        }
        Probe p = new Probe(probes.size() + 1, clock, reconnect);
        probes.add(p);
        Call call = new Call("connect(socket#" + p.index + ")", 0, clock);
        p.calls.add(call);
        ConnectSocketOption.Builder b = ConnectSocketOption.builder(proxy.uri("/echo").toString());
        if (reconnect) {
            b.reconnect(ReconnectPolicy.builder().minDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(50))
                    .jitter(0).maxAttempts(10).build());
        }
        p.listenOn(b);
        call.recordOn(b);
        CompletionStage<SocketTask> stage;
        try {
            stage = call.recordStage(manager.connectSocket(b.build()));
        } catch (RuntimeException e) {
            if (!shutdown) {
                throw Invariants.violation(this, "calls never throw", "connectSocket threw " + e);
            }
            history.add("  connect threw after shutdown: " + e);
            p.calls.remove(call);
            return;
        }
        if (!waitFor(BOUND, call::done)) {
            throw Invariants.violation(this, "connect call completes", call.counts());
        }
        if (!call.ok()) {
            history.add("  " + call);
            if (slotFree && !shutdown && call.code() == SocketErrorCode.TOO_MANY_SOCKETS) {
                throw Invariants.violation(this, "slot free once the socket ended",
                        "every earlier socket had ended, yet " + call);
            }
            return;
        }
        SocketTask task = stage.toCompletableFuture().join();
        p.whenClosed = task.whenClosed().toCompletableFuture();
        p.task = task;
        // the first handshake ends within connectTimeout: open, ended, or (with a policy) reconnecting
        if (waitOpen && !waitFor(BOUND, () -> task.whenOpen().toCompletableFuture().isDone() || p.ended()
                || p.count(dev.tarosocket.event.SocketReconnectingEvent.class) > 0)) {
            throw Invariants.violation(this, "the first handshake resolves within connectTimeout", "socket#" + p.index
                    + " neither opened, nor ended, nor started reconnecting");
        }
    }

    private void sendText(Probe p) {
        if (p == null) {
            return;
        }
        long seq = nextSeq++;
        String text = Payloads.text(seq);
        send(p, seq, "text " + text.length() + "B", text.length(), Payloads.digest(text),
                SendSocketMessageOption.builder().data(text));
    }

    private void sendBinary(Probe p, int size) {
        if (p == null) {
            return;
        }
        long seq = nextSeq++;
        byte[] data = Payloads.binary(seq, size);
        send(p, seq, "binary " + data.length + "B", data.length, Payloads.digest(data, false),
                SendSocketMessageOption.builder().data(data));
    }

    private void send(Probe p, long seq, String what, long size, String digest, SendSocketMessageOption.Builder b) {
        String mustFail = p.closeCalled ? "the application had closed it" : p.ended() ? "it had ended"
                : shutdown ? "the manager had shut down" : null;
        Call call = new Call("send#" + seq + " " + what + " (step " + step + ")", size, clock);
        p.sendsStarted.incrementAndGet();
        p.calls.add(call);
        p.sends.put(seq, new Probe.Sent(seq, digest, call, mustFail));
        try {
            call.recordStage(p.task.send(call.recordOn(b).build()));
        } catch (RuntimeException e) {
            throw Invariants.violation(this, "calls never throw", "send threw " + e);
        }
    }

    private void close(Probe p) {
        if (p == null) {
            return;
        }
        p.closeCalled = true;
        Call call = new Call("close(socket#" + p.index + ", step " + step + ")", 0, clock);
        p.calls.add(call);
        try {
            call.recordStage(p.task.close(call.recordOn(dev.tarosocket.CloseSocketOption.builder().code(1000)).build()));
        } catch (RuntimeException e) {
            throw Invariants.violation(this, "calls never throw", "close threw " + e);
        }
        if (!waitFor(BOUND, p::ended)) {
            throw Invariants.violation(this, "an application close ends the socket", "socket#" + p.index
                    + " still not ended " + BOUND + " after close()");
        }
    }

    /** Records the fault as an epoch boundary only when the socket is quiet: open, not reconnecting, lane fast. */
    private void markFault(Probe p) {
        if (p != null && p.reconnect && !p.ended() && p.slowRemaining.get() == 0 && !p.slowBusy
                && p.task.readyState() == dev.tarosocket.ReadyState.OPEN && !p.reconnecting()) {
            p.faults.add(new Probe.Fault(clock.incrementAndGet(), p.count(SocketReconnectedEvent.class)));
        }
    }

    private void restartServer(Probe p) {
        markFault(p);
        server = server.restart();
        proxy.passThrough();
        stalled = false;
    }

    static boolean waitFor(Duration max, BooleanSupplier condition) {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(max)
                    .until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sampler.close();
        try {
            manager.close();
        } finally {
            proxy.close();
            server.close();
        }
    }
}
