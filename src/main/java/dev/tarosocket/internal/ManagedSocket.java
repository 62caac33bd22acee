package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReadyState;
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

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The {@link SocketTask} implementation: the state machine, the outgoing queue and event delivery
 * of one socket. All mutable state is guarded by {@link #lock}; no I/O, callback or event runs while
 * it is held. Events and call completions run on {@link #lane}, in order.
 */
final class ManagedSocket implements SocketTask {

    /** How long an end waits for the container to report the frame it was writing before failing it. */
    static final long IN_FLIGHT_GRACE_MILLIS = 2_000;

    private final SocketEngine engine;
    private final long id;
    private final ConnectSocketOption option;
    private final long maxBufferedBytes;
    final Lane lane;
    private final Listeners<SocketOpenEvent> openListeners = new Listeners<>();
    private final Listeners<SocketMessageEvent> messageListeners = new Listeners<>();
    private final Listeners<SocketErrorEvent> errorListeners = new Listeners<>();
    private final Listeners<SocketCloseEvent> closeListeners = new Listeners<>();
    private final CompletableFuture<SocketOpenEvent> whenOpen = new CompletableFuture<>();
    private final CompletableFuture<SocketCloseEvent> whenClosed = new CompletableFuture<>();

    private final Object lock = new Object();
    private ReadyState state = ReadyState.CONNECTING;   // CLOSED is terminal
    private volatile String url;                        // of the current connection attempt
    private Session session;                            // null until open
    private SocketOpenEvent openEvent;                  // null until the open event is being delivered
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(); // waiting to be written, FIFO
    private Outgoing inFlight;                          // handed to the container, not yet reported
    private boolean pumping;                            // a thread is inside pump()'s write call
    private long bufferedBytes;                         // data bytes in queue and inFlight
    private boolean errorFired;                         // this connection already fired its error event
    private Future<?> handshake;                        // the connectToServer task, null when done
    private Future<?> timer;                            // handshake or close timeout, null when none

    ManagedSocket(SocketEngine engine, long id, ConnectSocketOption option, long maxBufferedBytes) {
        this.engine = engine;
        this.id = id;
        this.option = option;
        this.maxBufferedBytes = maxBufferedBytes;
        this.lane = new Lane(engine.executor());
        openListeners.addAll(option.openListeners());
        messageListeners.addAll(option.messageListeners());
        errorListeners.addAll(option.errorListeners());
        closeListeners.addAll(option.closeListeners());
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

    @Override
    public ReadyState readyState() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public long bufferedAmount() {
        synchronized (lock) {
            return bufferedBytes;
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
            registration = openListeners.add(listener);
            sticky = state == ReadyState.OPEN ? openEvent : null;
        }
        if (sticky != null) {
            lane.execute(() -> listener.accept(sticky));
        }
        return registration;
    }

    @Override
    public Registration onMessage(Consumer<SocketMessageEvent> listener) {
        return messageListeners.add(listener);
    }

    @Override
    public Registration onError(Consumer<SocketErrorEvent> listener) {
        return errorListeners.add(listener);
    }

    @Override
    public Registration onClose(Consumer<SocketCloseEvent> listener) {
        return closeListeners.add(listener);
    }

    /** The open event, if this socket is open now (for sticky global listeners); caller holds the listener lock. */
    SocketOpenEvent stickyOpenEvent() {
        synchronized (lock) {
            return state == ReadyState.OPEN ? openEvent : null;
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    @Override
    public CompletionStage<CallbackResult> send(SendSocketMessageOption option) {
        return send(engine.call(SocketEngine.SEND, option), option.data());
    }

    CompletionStage<CallbackResult> send(PendingCall<CallbackResult> call, Object data) {
        if (data == null) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, "parameter error: data is required (a String, ByteBuffer or byte[])");
            return call.stage;
        }
        long bytes = data instanceof String ? Validation.utf8Length((String) data) : ((ByteBuffer) data).remaining();
        String refusal = null;
        SocketErrorCode code = null;
        synchronized (lock) {
            if (state == ReadyState.CLOSING || state == ReadyState.CLOSED) {
                code = SocketErrorCode.NOT_OPEN;
                refusal = "WebSocket is not open (readyState " + state + ")";
            } else if (state == ReadyState.CONNECTING && option.sendPolicy() == SendPolicy.FAIL) {
                code = SocketErrorCode.NOT_OPEN;
                refusal = "SocketTask.readyState is not OPEN (still CONNECTING)";
            } else if (bufferedBytes + bytes > maxBufferedBytes) {
                code = SocketErrorCode.BUFFER_FULL;
                refusal = "send buffer full: " + bufferedBytes + " bytes queued, this message " + bytes
                        + " bytes, limit " + maxBufferedBytes;
            } else {
                queue.add(Outgoing.data(call, data, bytes));
                bufferedBytes += bytes;
            }
        }
        if (refusal != null) {
            call.fail(code, refusal);
            return call.stage;
        }
        pump();
        return call.stage;
    }

    /** Writes queued items while the socket is open, one in flight at a time. */
    private void pump() {
        while (true) {
            Outgoing next;
            Session s;
            synchronized (lock) {
                if (pumping || inFlight != null || session == null || state == ReadyState.CLOSED || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                inFlight = next;
                s = session;
                pumping = !next.isClose();
            }
            if (next.isClose()) {
                engine.executor().execute(() -> writeClose(s, next));
                return;
            }
            try {
                next.write(s.getAsyncRemote(), result -> written(next, result));
            } catch (RuntimeException e) {
                written(next, new SendResult(e));
            } finally {
                synchronized (lock) {
                    pumping = false;
                }
            }
        }
    }

    private void written(Outgoing item, SendResult result) {
        boolean closed;
        synchronized (lock) {
            if (inFlight == item) {
                inFlight = null;
                if (state != ReadyState.CLOSED) {
                    bufferedBytes -= item.bytes;
                }
            }
            closed = state == ReadyState.CLOSED;
        }
        if (result.isOK()) {
            engine.metrics().sent(this, item.data instanceof String, item.bytes, System.nanoTime() - item.call.createdNanos);
            complete(item.call, () -> item.call.succeed(CallbackResult.ok(item.call.api)));
        } else if (closed) {
            complete(item.call, () -> item.call.fail(SocketErrorCode.CLOSED,
                    "the socket closed before the message was written", result.getException()));
        } else {
            Throwable e = result.getException();
            String why = e == null ? "unknown error" : (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            complete(item.call, () -> item.call.fail(SocketErrorCode.TRANSPORT, "the message could not be written: " + why, e));
        }
        pump();
    }

    /** Completes a call on the lane (after the socket's earlier events), or inline when it has no callbacks. */
    private void complete(PendingCall<?> call, Runnable completion) {
        if (call.hasCallbacks()) {
            lane.execute(completion);
        } else {
            completion.run();
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
        synchronized (lock) {
            was = state;
            if (was == ReadyState.OPEN) {
                state = ReadyState.CLOSING;
                queue.add(Outgoing.close(call, code, reason));
            }
        }
        switch (was) {
            case OPEN:
                pump();
                break;
            case CONNECTING:
                call.succeed(CallbackResult.ok(call.api));
                end(End.abnormal(SocketErrorCode.CLOSED,
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
            if (inFlight == item) {
                inFlight = null;
            }
            if (state != ReadyState.CLOSED) {
                timer = engine.scheduler().schedule(this::closeTimedOut,
                        engine.settings().closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        complete(item.call, () -> item.call.succeed(CallbackResult.ok(item.call.api)));
    }

    private void closeTimedOut() {
        end(End.abnormal(SocketErrorCode.TIMEOUT, "onSocketError:fail the peer did not answer the close within "
                + engine.settings().closeTimeout().toMillis() + " ms", null));
    }

    // ---- the connection, driven by SocketEngine and TaskEndpoint --------------------------------

    /** Records the running handshake and its timeout; if the socket was closed meanwhile, cancels them. */
    void handshakeStarted(Future<?> handshakeTask, Future<?> timeout) {
        boolean cancel;
        synchronized (lock) {
            cancel = state == ReadyState.CLOSED;
            if (!cancel) {
                handshake = handshakeTask;
                timer = timeout;
            }
        }
        if (cancel) {
            handshakeTask.cancel(true);
            timeout.cancel(false);
        }
    }

    void opened(Session s, SocketOpenEvent event) {
        boolean accepted;
        synchronized (lock) {
            accepted = state == ReadyState.CONNECTING;
            if (accepted) {
                session = s;
                state = ReadyState.OPEN;
                cancelTimer();
                handshake = null;
            }
        }
        if (!accepted) {
            // closed or timed out while the handshake was finishing: drop the late connection
            closeQuietly(s);
            return;
        }
        engine.metrics().connected(this, event.profile().handshakeCost() * 1_000_000L);
        lane.execute(() -> deliverOpen(event));
        pump();
    }

    private void deliverOpen(SocketOpenEvent event) {
        Object[] local;
        Object[] global;
        synchronized (engine.listenerLock) {
            synchronized (lock) {
                openEvent = event;
                local = openListeners.snapshot();
            }
            global = engine.openListeners.snapshot();
        }
        Listeners.fire(local, event, "onOpen listener");
        Listeners.fire(global, event, "onSocketOpen listener");
        whenOpen.complete(event);
        engine.publish(event, this);
    }

    void received(String text) {
        engine.metrics().received(this, true, text.length());
        SocketMessageEvent event = SocketMessageEvent.text(this, text);
        lane.execute(() -> deliverMessage(event));
    }

    void received(ByteBuffer binary) {
        // copy: containers may reuse or pool the buffer once onMessage returns
        engine.metrics().received(this, false, binary.remaining());
        ByteBuffer copy = ByteBuffer.allocate(binary.remaining()).put(binary).flip();
        SocketMessageEvent event = SocketMessageEvent.binary(this, copy);
        lane.execute(() -> deliverMessage(event));
    }

    private void deliverMessage(SocketMessageEvent event) {
        messageListeners.fire(event, "onMessage listener");
        engine.messageListeners.fire(event, "onSocketMessage listener");
        engine.publish(event, this);
    }

    boolean isSession(Session s) {
        synchronized (lock) {
            return session == s || session == null;
        }
    }

    /** The container reported an error: fire the connection's one error event. */
    void containerError(Throwable t) {
        synchronized (lock) {
            if (state == ReadyState.CLOSED || errorFired) {
                return;
            }
            errorFired = true;
        }
        String why = t == null ? "unknown error" : (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        SocketErrorEvent event = new SocketErrorEvent(this, "onSocketError:fail " + why, SocketErrorCode.TRANSPORT, t);
        lane.execute(() -> deliverError(event));
    }

    private void deliverError(SocketErrorEvent event) {
        errorListeners.fire(event, "onError listener");
        engine.errorListeners.fire(event, "onSocketError listener");
        engine.publish(event, this);
    }

    void handshakeFailed(Throwable t) {
        SocketErrorCode code = SocketErrorCode.HANDSHAKE_FAILED;
        end(End.abnormal(code, "connectSocket:fail " + HandshakeFailure.describe(t), t));
    }

    void handshakeTimedOut(long timeoutMillis) {
        end(End.abnormal(SocketErrorCode.TIMEOUT, "connectSocket:fail handshake timed out after " + timeoutMillis + " ms", null));
    }

    /** Ends the socket: exactly once, whatever calls it first. Frees the slot, fails what is pending. */
    void end(End end) {
        List<Outgoing> dropped;
        Outgoing flying;
        boolean fireError;
        Session s;
        Future<?> abortHandshake;
        synchronized (lock) {
            if (state == ReadyState.CLOSED) {
                return;
            }
            state = ReadyState.CLOSED;
            dropped = new ArrayList<>(queue);
            queue.clear();
            bufferedBytes = 0;
            flying = inFlight;
            fireError = end.error() != null && !errorFired;
            errorFired = true;
            cancelTimer();
            abortHandshake = handshake;
            handshake = null;
            s = session;
        }
        engine.release(this);
        engine.metrics().closed(this, end.code(), end.wasClean());
        if (abortHandshake != null) {
            abortHandshake.cancel(true);
        }
        if (s != null && s.isOpen()) {
            engine.executor().execute(() -> closeQuietly(s));
        }
        SocketCloseEvent closeEvent = new SocketCloseEvent(this, end.code(), end.reason(), end.wasClean());
        lane.execute(() -> {
            dropped.forEach(Outgoing::endedBeforeWritten);
            if (fireError) {
                deliverError(new SocketErrorEvent(this, end.errMsg(), end.error(), end.cause()));
            }
            closeListeners.fire(closeEvent, "onClose listener");
            engine.closeListeners.fire(closeEvent, "onSocketClose listener");
            engine.publish(closeEvent, this);
            whenOpen.completeExceptionally(new SocketException(end.openFailure(), new CallbackResult(
                    end.errMsg() != null ? end.errMsg() : "connectSocket:fail the socket closed before it opened"), end.cause()));
            whenClosed.complete(closeEvent);
        });
        if (flying != null && !flying.call.isDone()) {
            engine.scheduler().schedule(() -> lane.execute(flying::endedBeforeWritten),
                    IN_FLIGHT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Fails what is queued with CLOSED and closes with 1001; used when the manager shuts down. */
    void shutdown() {
        List<Outgoing> dropped;
        synchronized (lock) {
            dropped = new ArrayList<>();
            queue.removeIf(o -> !o.isClose() && dropped.add(o));
            dropped.forEach(o -> bufferedBytes -= o.bytes);
        }
        lane.execute(() -> dropped.forEach(Outgoing::endedBeforeWritten));
        closeUnchecked(engine.call(SocketEngine.CLOSE, CloseSocketOption.normal()), 1001, "going away");
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void closeQuietly(Session s) {
        try {
            if (s.isOpen()) {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "abandoned"));
            }
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: closing an abandoned session failed", e);
        }
    }
}
