package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReadyState;
import dev.tarosocket.Registration;
import dev.tarosocket.SendPolicy;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The {@link SocketTask} of one socket: a facade over its parts, each with one job and its invariants
 * written at its top: {@link SocketState} (the states, pure), {@link Outbox} and {@link Writer}
 * (sending), {@link Inbox} and {@link Receiver} (receiving, bounded), {@link Delivery} (listeners and
 * callbacks, in order, close last) and {@link Connection} (the life of each connection attempt).
 *
 * <p>All mutable state of the socket is guarded by {@link #lock}; no I/O, listener, callback or CDI
 * event runs while it is held.
 */
final class ManagedSocket implements SocketTask {

    // the options of send(String): no callbacks, no deadline (its data is passed on its own)
    private static final SendSocketMessageOption PLAIN_SEND = SendSocketMessageOption.builder().build();

    final Object lock = new Object();
    final SocketEngine engine;
    final SocketPolicies policies;
    final TaskListeners listeners;
    final Delivery delivery;
    final Outbox outbox;       // guarded by lock
    final SocketState state = new SocketState(); // guarded by lock
    final Inbox inbox;
    final Writer writer;
    final Receiver receiver;
    final Link link = new Link();  // guarded by lock
    final Connection connection;
    final Closing closing;
    final CompletableFuture<SocketOpenEvent> whenOpen = new CompletableFuture<>();
    final CompletableFuture<SocketCloseEvent> whenClosed = new CompletableFuture<>();
    private final long id;
    private final ConnectSocketOption option;
    private volatile String url;   // of the current connection attempt

    ManagedSocket(SocketEngine engine, long id, ConnectSocketOption option, SocketPolicies policies,
                  long maxBufferedBytes) {
        this.engine = engine;
        this.id = id;
        this.option = option;
        this.policies = policies;
        this.listeners = new TaskListeners(option);
        this.delivery = new Delivery(engine.executor());
        this.outbox = new Outbox(maxBufferedBytes, engine.settings().sendWindow());
        this.inbox = new Inbox(engine.settings().maxInboundBytes());
        this.writer = new Writer(this, outbox, engine);
        this.receiver = new Receiver(this);
        this.connection = new Connection(this, link);
        this.closing = new Closing(this, link);
    }

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

    @Override
    public ReadyState readyState() {
        synchronized (lock) {
            return state.state();
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

    @Override
    public Registration onOpen(Consumer<SocketOpenEvent> listener) {
        return connection.onOpen(listener);
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

    @Override
    public CompletionStage<CallbackResult> send(SendSocketMessageOption option) {
        PendingCall<CallbackResult> call = engine.call(SocketEngine.SEND, option);
        Object data = engine.json.data(option, call);
        return call.isDone() ? call.stage : send(call, data, option.deadline().orElse(null));
    }

    /**
     * {@code send(SendSocketMessageOption.of(text))} without building the option (one object less per
     * send); a null text fails the call with {@code INVALID_ARGUMENT} where the option's builder throws.
     */
    @Override
    public CompletionStage<CallbackResult> send(String text) {
        return send(engine.call(SocketEngine.SEND, PLAIN_SEND), text, null);
    }

    CompletionStage<CallbackResult> send(PendingCall<CallbackResult> call, Object data, Duration deadline) {
        if (data == null) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, "parameter error: data is required (a String, ByteBuffer or byte[])");
            return call.stage;
        }
        long bytes = data instanceof String ? Validation.utf8Length((String) data) : ((ByteBuffer) data).remaining();
        long deadlineNanos = deadline == null ? 0 : (call.createdNanos + deadline.toNanos()) | 1;
        String refusal;
        SocketErrorCode code = SocketErrorCode.NOT_OPEN;
        synchronized (lock) {
            ReadyState now = state.state();
            if (now == ReadyState.CLOSING || now == ReadyState.CLOSED) {
                refusal = "WebSocket is not open (readyState " + now + ")";
            } else if (now == ReadyState.CONNECTING && option.sendPolicy() == SendPolicy.FAIL) {
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
        writer.pump();
        return call.stage;
    }

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
        return closing.close(call, code, reason);
    }

    /** Fails what is queued with CLOSED and closes with 1001; used when the manager shuts down. */
    void shutdown() {
        closing.shutdown();
    }

    // ---- for the parts ------------------------------------------------------------------------

    /** The session items may be handed to: the current connection's while OPEN or CLOSING. Lock held. */
    Session writableSession() {
        ReadyState now = state.state();
        return now == ReadyState.OPEN || now == ReadyState.CLOSING ? link.session : null;
    }

    /** The current generation. Lock held. */
    int generationLocked() {
        return state.generation();
    }

    int generation() {
        synchronized (lock) {
            return state.generation();
        }
    }

    void connectionEnded(int gen, End end) {
        closing.ended(gen, end, false);
    }

    void closeFrameSent(int gen) {
        closing.closeFrameSent(gen);
    }

    void ping(int gen, dev.tarosocket.Heartbeat heartbeat, Runnable handedOver) {
        connection.ping(gen, heartbeat, handedOver);
    }

    /** The container reported an error on connection {@code gen}: that connection's one error event. */
    void containerError(int gen, Throwable t) {
        SocketErrorEvent event = new SocketErrorEvent(this, "onSocketError:fail " + describe(t), SocketErrorCode.TRANSPORT, t);
        synchronized (lock) {
            if (!state.claimError(gen)) {
                return;
            }
            // queued under the lock: an end decided after this claim queues its close event behind it
            delivery.enqueue(gen, () -> Delivery.fire(event, listeners.error, engine.global.error, engine, this,
                    "onError listener"));
        }
        delivery.schedule();
    }

    boolean isHoldingBack() {
        return inbox.isHoldingBack();
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
