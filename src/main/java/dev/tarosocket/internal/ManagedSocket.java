package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReadyState;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.Registration;
import dev.tarosocket.SendPolicy;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The {@link SocketTask} implementation: the state machine, the outgoing queue, reconnects and event
 * delivery of one socket. All mutable state is guarded by {@link #lock}; no I/O, callback or event
 * runs while it is held. Events and call completions run on {@link #lane}, in order. Each connection
 * attempt has a generation; callbacks of an older connection are ignored.
 */
final class ManagedSocket implements SocketTask {

    /** How long an end waits for the container to report the frame it was writing before failing it. */
    static final long IN_FLIGHT_GRACE_MILLIS = 2_000;
    private static final CloseReason ABANDONED = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "abandoned");
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("taro".getBytes(StandardCharsets.US_ASCII));

    private final SocketEngine engine;
    private final long id;
    private final ConnectSocketOption option;
    private final SocketPolicies policies;
    final Lane lane;
    private final TaskListeners listeners;
    private final CompletableFuture<SocketOpenEvent> whenOpen = new CompletableFuture<>();
    private final CompletableFuture<SocketCloseEvent> whenClosed = new CompletableFuture<>();

    private final Object lock = new Object();
    private ReadyState state = ReadyState.CONNECTING;   // CLOSED is terminal
    private int generation = 1;                         // the current connection attempt
    private volatile String url;                        // of the current connection attempt
    private Session session;                            // of the current connection; null unless OPEN or CLOSING
    private SocketOpenEvent openEvent;                  // of the current connection; null until being delivered
    private final Outbox outbox;                        // what waits to be written
    private boolean errorFired;                         // the current connection fired its error event
    private boolean closeRequested;                     // the application or shutdown asked to close: no reconnect
    private Future<?> handshake;                        // the connectToServer task, null when none
    private Future<?> timer;                            // handshake or close timeout, null when none
    private volatile HeartbeatTimer heartbeat;          // of the current open connection, null when none
    private int attempts;                               // reconnect attempts since the last stable connection
    private long openedNanos;                           // when the current connection opened
    private boolean everOpened;                         // some connection of this socket opened

    ManagedSocket(SocketEngine engine, long id, ConnectSocketOption option, SocketPolicies policies,
                  long maxBufferedBytes) {
        this.engine = engine;
        this.id = id;
        this.option = option;
        this.policies = policies;
        this.outbox = new Outbox(maxBufferedBytes, engine.sendWindow());
        this.lane = new Lane(engine.executor());
        this.listeners = new TaskListeners(option);
    }

    // ---- identity and state -------------------------------------------------------------------

    @Override
    public long socketTaskId() {
        return id;
    }

    @Override
    public Optional<String> name() {
        return option.name();
    }

    @Override
    public String url() {
        return url;
    }

    void url(String url) {
        this.url = url;
    }

    ConnectSocketOption option() {
        return option;
    }

    SocketPolicies policies() {
        return policies;
    }

    @Override
    public ReadyState readyState() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public long bufferedAmount() {
        synchronized (lock) {
            return outbox.bufferedBytes();
        }
    }

    @Override
    public CompletionStage<SocketOpenEvent> whenOpen() {
        return whenOpen.minimalCompletionStage();
    }

    @Override
    public CompletionStage<SocketCloseEvent> whenClosed() {
        return whenClosed.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "SocketTask[id=" + id + option.name().map(n -> ", name=" + n).orElse("") + ", " + readyState() + "]";
    }

    // ---- listeners ----------------------------------------------------------------------------

    @Override
    public Registration onOpen(Consumer<SocketOpenEvent> listener) {
        Registration registration;
        SocketOpenEvent sticky;
        synchronized (lock) {
            registration = listeners.open.add(listener);
            sticky = state == ReadyState.OPEN ? openEvent : null;
        }
        if (sticky != null) {
            lane.execute(() -> listener.accept(sticky));
        }
        return registration;
    }

    @Override
    public Registration onMessage(Consumer<SocketMessageEvent> listener) {
        return listeners.message.add(listener);
    }

    @Override
    public Registration onError(Consumer<SocketErrorEvent> listener) {
        return listeners.error.add(listener);
    }

    @Override
    public Registration onClose(Consumer<SocketCloseEvent> listener) {
        return listeners.close.add(listener);
    }

    @Override
    public Registration onReconnecting(Consumer<SocketReconnectingEvent> listener) {
        return listeners.reconnecting.add(listener);
    }

    @Override
    public Registration onReconnected(Consumer<SocketReconnectedEvent> listener) {
        return listeners.reconnected.add(listener);
    }

    /** The open event, if this socket is open now (for sticky global listeners). */
    SocketOpenEvent stickyOpenEvent() {
        synchronized (lock) {
            return state == ReadyState.OPEN ? openEvent : null;
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    @Override
    public CompletionStage<CallbackResult> send(SendSocketMessageOption option) {
        return send(engine.call(SocketEngine.SEND, option), option.data(), option.deadline().orElse(null));
    }

    CompletionStage<CallbackResult> send(PendingCall<CallbackResult> call, Object data, Duration deadline) {
        if (data == null) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, "parameter error: data is required (a String, ByteBuffer or byte[])");
            return call.stage;
        }
        long bytes = data instanceof String ? Validation.utf8Length((String) data) : ((ByteBuffer) data).remaining();
        long deadlineNanos = deadline == null ? 0 : (call.createdNanos + deadline.toNanos()) | 1;
        String refusal = null;
        SocketErrorCode code = null;
        synchronized (lock) {
            if (state == ReadyState.CLOSING || state == ReadyState.CLOSED) {
                code = SocketErrorCode.NOT_OPEN;
                refusal = "WebSocket is not open (readyState " + state + ")";
            } else if (state == ReadyState.CONNECTING && option.sendPolicy() == SendPolicy.FAIL) {
                code = SocketErrorCode.NOT_OPEN;
                refusal = "SocketTask.readyState is not OPEN (still CONNECTING)";
            } else {
                refusal = outbox.offer(Outgoing.data(call, data, bytes, deadlineNanos)); // null when queued
                code = SocketErrorCode.BUFFER_FULL;                                      // the only refusal left
            }
        }
        if (refusal != null) {
            call.fail(code, refusal);
            return call.stage;
        }
        pump();
        return call.stage;
    }

    /**
     * Hands queued items to the container in order while a connection is open, up to the outbox's
     * window; one thread at a time, so the container sees the calls in queue order.
     */
    private void pump() {
        while (true) {
            Session s;
            List<Outgoing> batch = null;
            List<Outgoing> stale;
            Outgoing close = null;
            synchronized (lock) {
                if (session == null || state == ReadyState.CLOSED || !outbox.startPumping()) {
                    return;
                }
                s = session;
                long now = System.nanoTime();
                for (Outgoing next = outbox.next(now); next != null; next = outbox.next(now)) {
                    if (next.isClose()) {
                        close = next;
                        break;
                    }
                    if (batch == null) {
                        batch = new ArrayList<>(4);
                    }
                    batch.add(next);
                }
                stale = outbox.takeStale();
                if (batch == null) {
                    outbox.stopPumping();
                }
            }
            if (stale != null) {
                for (Outgoing o : stale) {
                    complete(o.call, () -> o.call.fail(SocketErrorCode.TIMEOUT,
                            "the message passed its deadline before it could be sent"));
                }
            }
            if (close != null) {
                Outgoing item = close;
                engine.executor().execute(() -> writeClose(s, item));
            }
            if (batch == null) {
                return;
            }
            try {
                for (int i = 0; i < batch.size(); i++) {
                    if (write(s, batch.get(i))) {
                        synchronized (lock) {
                            outbox.requeue(batch.subList(i, batch.size()));
                        }
                        engine.concurrentSendsRefused();
                        break;
                    }
                }
            } finally {
                synchronized (lock) {
                    outbox.stopPumping();
                }
            }
        }
    }

    /** Hands one item to the container; true if it refused it because another send was in flight. */
    private boolean write(Session s, Outgoing item) {
        try {
            item.write(s.getAsyncRemote(), result -> written(item, result));
            return false;
        } catch (IllegalStateException e) {
            boolean concurrent;
            synchronized (lock) {
                concurrent = outbox.isConcurrent();
            }
            if (concurrent) {
                return true;
            }
            written(item, new SendResult(e));
            return false;
        } catch (RuntimeException e) {
            written(item, new SendResult(e));
            return false;
        }
    }

    private void written(Outgoing item, SendResult result) {
        boolean ended;
        synchronized (lock) {
            ended = !outbox.release(item); // the connection ended (or timed the send out) before this report
        }
        if (result.isOK()) {
            engine.metrics().sent(this, item.data instanceof String, item.bytes, System.nanoTime() - item.call.createdNanos);
            complete(item.call, () -> item.call.succeed(CallbackResult.ok(item.call.api)));
        } else if (ended) {
            complete(item.call, () -> item.call.fail(SocketErrorCode.CLOSED,
                    "the connection ended before the message was written", result.getException()));
        } else {
            Throwable e = result.getException();
            complete(item.call, () -> item.call.fail(SocketErrorCode.TRANSPORT,
                    "the message could not be written: " + describe(e), e));
        }
        pump();
    }

    /** Called by the engine's watchdog: a frame the container has not written in time ends the connection. */
    void checkSendTimeout(long nowNanos, long timeoutNanos) {
        Outgoing stuck;
        int gen;
        synchronized (lock) {
            stuck = outbox.stuck(nowNanos, timeoutNanos);
            gen = generation;
        }
        if (stuck == null) {
            return;
        }
        complete(stuck.call, () -> stuck.call.fail(SocketErrorCode.TIMEOUT,
                "the message was not written within " + timeoutNanos / 1_000_000 + " ms"));
        connectionEnded(gen, End.abnormal(SocketErrorCode.TIMEOUT, "onSocketError:fail a send did not complete within "
                + timeoutNanos / 1_000_000 + " ms", null));
    }

    /** Completes a call on the lane (after the socket's earlier events), or inline when it has no callbacks. */
    private void complete(PendingCall<?> call, Runnable completion) {
        if (call.hasCallbacks()) {
            lane.execute(completion);
        } else {
            completion.run();
        }
    }

    void sendHeartbeat(int gen, Heartbeat hb) {
        Session s;
        synchronized (lock) {
            if (gen != generation || state != ReadyState.OPEN) {
                return;
            }
            s = session;
        }
        if (hb.pingText().isPresent()) {
            send(engine.call(SocketEngine.SEND, SendSocketMessageOption.of(hb.pingText().get())), hb.pingText().get(), null);
            return;
        }
        engine.executor().execute(() -> {
            try {
                s.getAsyncRemote().sendPing(PING_PAYLOAD.duplicate());
            } catch (IOException | RuntimeException e) {
                Log.LOG.log(DEBUG, () -> "taro-socket: ping on socket " + id + " failed", e);
            }
        });
    }

    void pong(int gen) {
        HeartbeatTimer hb = heartbeat;
        if (hb != null && gen == currentGeneration()) {
            hb.answered();
        }
    }

    private int currentGeneration() {
        synchronized (lock) {
            return generation;
        }
    }

    // ---- closing ------------------------------------------------------------------------------

    @Override
    public CompletionStage<CallbackResult> close(CloseSocketOption option) {
        return close(engine.call(SocketEngine.CLOSE, option), option.code(), option.reason());
    }

    CompletionStage<CallbackResult> close(PendingCall<CallbackResult> call, int code, String reason) {
        String invalid = Validation.checkCloseCode(code);
        if (invalid != null) {
            call.fail(SocketErrorCode.INVALID_CLOSE_CODE, invalid);
            return call.stage;
        }
        invalid = Validation.checkCloseReason(reason);
        if (invalid != null) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, invalid);
            return call.stage;
        }
        return closeUnchecked(call, code, reason);
    }

    /** Close without the application-code rules: shutdown uses 1001. */
    CompletionStage<CallbackResult> closeUnchecked(PendingCall<CallbackResult> call, int code, String reason) {
        ReadyState was;
        int gen;
        synchronized (lock) {
            was = state;
            gen = generation;
            if (was == ReadyState.OPEN || was == ReadyState.CONNECTING) {
                closeRequested = true;
            }
            if (was == ReadyState.OPEN) {
                state = ReadyState.CLOSING;
                outbox.offerClose(Outgoing.close(call, code, reason));
            }
        }
        switch (was) {
            case OPEN:
                pump();
                break;
            case CONNECTING:
                call.succeed(CallbackResult.ok(call.api));
                connectionEnded(gen, End.abnormal(SocketErrorCode.CLOSED,
                        "connectSocket:fail the socket was closed before the connection was established", null));
                break;
            default:
                call.fail(SocketErrorCode.NOT_OPEN, "WebSocket is already " + (was == ReadyState.CLOSING ? "closing" : "closed"));
        }
        return call.stage;
    }

    private void writeClose(Session s, Outgoing item) {
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(item.closeCode), item.closeReason));
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: close of socket " + id + " failed", e);
        }
        synchronized (lock) {
            outbox.closeWritten(item);
            if (state != ReadyState.CLOSED) {
                int gen = generation;
                timer = engine.scheduler().schedule(() -> closeTimedOut(gen),
                        engine.settings().closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        complete(item.call, () -> item.call.succeed(CallbackResult.ok(item.call.api)));
    }

    private void closeTimedOut(int gen) {
        connectionEnded(gen, End.abnormal(SocketErrorCode.TIMEOUT, "onSocketError:fail the peer did not answer the close within "
                + engine.settings().closeTimeout().toMillis() + " ms", null));
    }

    /** Fails what is queued with CLOSED and closes with 1001; used when the manager shuts down. */
    void shutdown() {
        List<Outgoing> dropped;
        synchronized (lock) {
            closeRequested = true;
            dropped = outbox.drainData();
        }
        lane.execute(() -> dropped.forEach(Outgoing::endedBeforeWritten));
        closeUnchecked(engine.call(SocketEngine.CLOSE, CloseSocketOption.normal()), 1001, "going away");
    }

    /** Ends the socket for good, whatever its connection is doing (shutdown's last resort). */
    void end(End end) {
        connectionEnded(currentGeneration(), end);
    }

    // ---- the connection, driven by SocketEngine, TaskEndpoint and the timers --------------------

    /** Records the running handshake of {@code gen} and its timeout; if that attempt is over, cancels them. */
    void handshakeStarted(int gen, Future<?> handshakeTask, Future<?> timeout) {
        boolean connecting;
        boolean dead;
        synchronized (lock) {
            connecting = gen == generation && state == ReadyState.CONNECTING;
            dead = gen != generation || state == ReadyState.CLOSED;
            if (connecting) {
                handshake = handshakeTask;
                timer = timeout;
            }
        }
        if (!connecting) {
            timeout.cancel(false);
        }
        if (dead) {
            // aborted or superseded before we could record it; a handshake that already opened is left alone
            handshakeTask.cancel(true);
        }
    }

    /** The generation whose handshake should start now, or 0 if the socket ended meanwhile. */
    int attemptGeneration() {
        synchronized (lock) {
            return state == ReadyState.CONNECTING ? generation : 0;
        }
    }

    void opened(int gen, Session s, SocketOpenEvent event) {
        boolean accepted;
        boolean reconnected;
        int tries;
        HeartbeatTimer hb = null;
        synchronized (lock) {
            accepted = gen == generation && state == ReadyState.CONNECTING;
            reconnected = everOpened;
            tries = attempts;
            if (accepted) {
                session = s;
                state = ReadyState.OPEN;
                cancelTimer();
                handshake = null;
                openedNanos = System.nanoTime();
                everOpened = true;
                if (policies.heartbeat() != null) {
                    hb = new HeartbeatTimer(this, gen, policies.heartbeat(), engine.scheduler());
                    heartbeat = hb;
                }
            }
        }
        if (!accepted) {
            // closed, timed out or superseded while the handshake was finishing: drop the late connection
            engine.executor().execute(() -> closeQuietly(s, ABANDONED));
            return;
        }
        engine.metrics().connected(this, event.profile().handshakeCost() * 1_000_000L);
        if (hb != null) {
            hb.start();
        }
        if (reconnected) {
            SocketReconnectedEvent again = new SocketReconnectedEvent(this, tries);
            lane.execute(() -> deliver(again, listeners.reconnected, null, "onReconnected listener"));
        }
        lane.execute(() -> deliverOpen(gen, event));
        pump();
    }

    private void deliverOpen(int gen, SocketOpenEvent event) {
        Object[] local;
        Object[] global;
        synchronized (engine.listenerLock) {
            synchronized (lock) {
                if (gen == generation) {
                    openEvent = event;
                }
                local = listeners.open.snapshot();
            }
            global = engine.openListeners.snapshot();
        }
        Listeners.fire(local, event, "onOpen listener");
        Listeners.fire(global, event, "onSocketOpen listener");
        whenOpen.complete(event);
        engine.publish(event, this);
    }

    void received(int gen, String text) {
        int max = engine.settings().maxMessageBytes();
        if (text.length() > max / 3 && Validation.utf8Length(text) > max) {
            tooBig(gen, Validation.utf8Length(text), max);
            return;
        }
        HeartbeatTimer hb = heartbeat;
        if (hb != null && hb.heartbeat().replyText().filter(text::equals).isPresent()) {
            hb.answered();
            return;
        }
        engine.metrics().received(this, true, text.length());
        SocketMessageEvent event = SocketMessageEvent.text(this, text);
        lane.execute(() -> deliver(event, listeners.message, engine.messageListeners, "onMessage listener"));
    }

    void received(int gen, ByteBuffer binary) {
        int max = engine.settings().maxMessageBytes();
        if (binary.remaining() > max) {
            tooBig(gen, binary.remaining(), max);
            return;
        }
        engine.metrics().received(this, false, binary.remaining());
        // copy: containers may reuse or pool the buffer once onMessage returns
        ByteBuffer copy = ByteBuffer.allocate(binary.remaining()).put(binary).flip();
        SocketMessageEvent event = SocketMessageEvent.binary(this, copy);
        lane.execute(() -> deliver(event, listeners.message, engine.messageListeners, "onMessage listener"));
    }

    private <E extends dev.tarosocket.event.SocketEvent> void deliver(E event, Listeners<E> local, Listeners<E> global,
                                                                      String what) {
        local.fire(event, what);
        if (global != null) {
            global.fire(event, what);
        }
        engine.publish(event, this);
    }

    /**
     * A message over {@code max-message-bytes} that the container let through (Tyrus does not apply
     * the session's limit to a single-frame message): end the connection with 1009, as the protocol says.
     */
    private void tooBig(int gen, long bytes, int max) {
        String errMsg = "onSocketError:fail an incoming message of " + bytes + " bytes is larger than "
                + dev.tarosocket.config.SocketSettings.MAX_MESSAGE_BYTES + " (" + max + ")";
        connectionEnded(gen, new End(CloseReason.CloseCodes.TOO_BIG.getCode(), "message too big", false,
                SocketErrorCode.TRANSPORT, errMsg, null, SocketErrorCode.CLOSED, false));
    }

    /** The container reported an error on connection {@code gen}: fire that connection's one error event. */
    void containerError(int gen, Throwable t) {
        synchronized (lock) {
            if (gen != generation || state == ReadyState.CLOSED || errorFired) {
                return;
            }
            errorFired = true;
        }
        SocketErrorEvent event = new SocketErrorEvent(this, "onSocketError:fail " + describe(t), SocketErrorCode.TRANSPORT, t);
        lane.execute(() -> deliver(event, listeners.error, engine.errorListeners, "onError listener"));
    }

    void handshakeFailed(int gen, Throwable t) {
        // only while connecting: after a close or a timeout aborted it, that end is already reported
        endConnection(gen, End.abnormal(SocketErrorCode.HANDSHAKE_FAILED, "connectSocket:fail " + HandshakeFailure.describe(t), t),
                true);
    }

    void handshakeTimedOut(int gen, long timeoutMillis) {
        endConnection(gen, End.abnormal(SocketErrorCode.TIMEOUT, "connectSocket:fail handshake timed out after "
                + timeoutMillis + " ms", null), true);
    }

    /**
     * Connection {@code gen} ended. With a reconnect policy and a retryable end the socket goes back to
     * CONNECTING and tries again later; otherwise it ends for good: exactly once, freeing its slot and
     * failing what is pending.
     */
    void connectionEnded(int gen, End end) {
        endConnection(gen, end, false);
    }

    private void endConnection(int gen, End end, boolean onlyWhileConnecting) {
        List<Outgoing> orphans;
        boolean fireError;
        Session s;
        Future<?> abortHandshake;
        HeartbeatTimer hb;
        List<Outgoing> dropped = List.of();
        Duration retryIn = null;
        int attempt;
        synchronized (lock) {
            if (gen != generation || state == ReadyState.CLOSED
                    || (onlyWhileConnecting && state != ReadyState.CONNECTING)) {
                return;
            }
            orphans = outbox.orphanInFlight();
            fireError = end.error() != null && !errorFired;
            cancelTimer();
            abortHandshake = handshake;
            handshake = null;
            s = session;
            session = null;
            openEvent = null;
            hb = heartbeat;
            heartbeat = null;
            ReconnectPolicy policy = policies.reconnect();
            if (policy != null && !closeRequested && end.retryable() && !engine.isShutDown()) {
                if (s != null && System.nanoTime() - openedNanos >= policy.stableAfter().toNanos()) {
                    attempts = 0;
                }
                if (attempts < policy.maxAttempts()) {
                    attempts++;
                    retryIn = policy.delay(attempts, ThreadLocalRandom.current());
                }
            }
            attempt = attempts;
            if (retryIn != null) {
                state = ReadyState.CONNECTING;
                generation++;
                errorFired = false;
            } else {
                state = ReadyState.CLOSED;
                errorFired = true;
                dropped = outbox.drainAll();
            }
        }
        if (hb != null) {
            hb.stop();
        }
        if (abortHandshake != null) {
            abortHandshake.cancel(true);
        }
        if (s != null && s.isOpen()) {
            CloseReason why = end.code() == CloseReason.CloseCodes.TOO_BIG.getCode()
                    ? new CloseReason(CloseReason.CloseCodes.TOO_BIG, end.reason()) : ABANDONED;
            engine.executor().execute(() -> closeQuietly(s, why));
        }
        if (!orphans.isEmpty()) {
            engine.scheduler().schedule(() -> lane.execute(() -> orphans.forEach(Outgoing::endedBeforeWritten)),
                    IN_FLIGHT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        SocketErrorEvent error = fireError ? new SocketErrorEvent(this, end.errMsg(), end.error(), end.cause()) : null;
        if (retryIn != null) {
            reconnectLater(gen + 1, attempt, retryIn, end, error);
        } else {
            ended(end, dropped, error);
        }
    }

    private void reconnectLater(int nextGen, int attempt, Duration delay, End end, SocketErrorEvent error) {
        engine.metrics().reconnecting(this, attempt);
        SocketReconnectingEvent event = new SocketReconnectingEvent(this, attempt, delay,
                end.errMsg() != null ? end.errMsg() : "the connection closed with code " + end.code());
        lane.execute(() -> {
            if (error != null) {
                deliver(error, listeners.error, engine.errorListeners, "onError listener");
            }
            deliver(event, listeners.reconnecting, null, "onReconnecting listener");
        });
        engine.scheduler().schedule(() -> engine.reconnect(this, nextGen), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void ended(End end, List<Outgoing> dropped, SocketErrorEvent error) {
        engine.release(this);
        engine.metrics().closed(this, end.code(), end.wasClean());
        SocketCloseEvent closeEvent = new SocketCloseEvent(this, end.code(), end.reason(), end.wasClean());
        lane.execute(() -> {
            dropped.forEach(Outgoing::endedBeforeWritten);
            if (error != null) {
                deliver(error, listeners.error, engine.errorListeners, "onError listener");
            }
            deliver(closeEvent, listeners.close, engine.closeListeners, "onClose listener");
            whenOpen.completeExceptionally(new SocketException(end.openFailure(), new CallbackResult(
                    end.errMsg() != null ? end.errMsg() : "connectSocket:fail the socket closed before it opened"), end.cause()));
            whenClosed.complete(closeEvent);
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void closeQuietly(Session s, CloseReason why) {
        try {
            if (s.isOpen()) {
                s.close(why);
            }
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: closing an abandoned session failed", e);
        }
    }
}
