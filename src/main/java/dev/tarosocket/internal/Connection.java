package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReadyState;
import dev.tarosocket.Registration;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The connections of one socket, one attempt after the other: handshake, open, heartbeat, close and
 * end, driven by {@link SocketState}'s decisions.
 *
 * <p>Invariants: the fields below belong to the current generation and are guarded by the socket's
 * lock; a session that opens for an attempt that is no longer current is closed at once, on the
 * thread that reports it; whoever ends a connection completes its orphaned sends and, at the socket's
 * end, everything still queued, itself (no timer that a shutdown could drop); the close event is
 * handed to {@link Delivery} once, after the slot is freed.
 */
final class Connection {

    private static final CloseReason ABANDONED = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "abandoned");
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("taro".getBytes(StandardCharsets.US_ASCII));
    private static final String ORPHANED = "the connection ended before the container reported the message written";

    private final ManagedSocket socket;
    private Session session;               // OPEN or CLOSING only
    private SocketOpenEvent openEvent;     // set while its open event is delivered; sticky for late listeners
    private Handshake handshake;           // the running handshake, null when none
    private Future<?> timer;               // the handshake or close timeout, null when none
    private volatile HeartbeatTimer heartbeat; // of the open connection, null when none
    private volatile int liveGeneration = 1;   // the current generation, 0 once the socket ended

    Connection(ManagedSocket socket) {
        this.socket = socket;
    }

    Session session() {
        return session;
    }

    HeartbeatTimer heartbeat() {
        return heartbeat;
    }

    boolean isLive(int gen) {
        return gen == liveGeneration;
    }

    // ---- handshake and open -------------------------------------------------------------------

    /** Records the handshake of {@code gen} and its timeout; aborts them if that attempt is already over. */
    void handshakeStarted(int gen, Handshake started, Future<?> timeout) {
        boolean current;
        synchronized (socket.lock) {
            current = socket.state.isCurrent(gen) && socket.state.state() == ReadyState.CONNECTING;
            if (current) {
                handshake = started;
                timer = timeout;
            }
        }
        if (!current) {
            timeout.cancel(false);
            started.abort();
        }
    }

    void opened(int gen, Session s, SocketOpenEvent event) {
        boolean accepted;
        boolean again = false;
        int tries = 0;
        HeartbeatTimer hb = null;
        synchronized (socket.lock) {
            again = socket.state.everOpened();
            tries = socket.state.attempts();
            accepted = socket.state.open(gen, System.nanoTime());
            if (accepted) {
                session = s;
                cancelTimer();
                handshake = null;
                Heartbeat beat = socket.policies.heartbeat();
                if (beat != null) {
                    hb = new HeartbeatTimer(socket, gen, beat, socket.engine.scheduler());
                    heartbeat = hb;
                }
            }
        }
        if (!accepted) {
            closeQuietly(s, ABANDONED); // closed, timed out or shut down meanwhile: release it now
            return;
        }
        socket.engine.metrics().connected(socket, event.profile().handshakeCost() * 1_000_000L);
        if (hb != null) {
            hb.start();
        }
        if (again) {
            SocketReconnectedEvent reconnected = new SocketReconnectedEvent(socket, tries);
            socket.delivery.event(gen, () -> Delivery.fire(reconnected, socket.listeners.reconnected, null,
                    socket.engine, socket, "onReconnected listener"));
        }
        socket.delivery.event(gen, () -> deliverOpen(gen, event));
        socket.writer.pump();
    }

    private void deliverOpen(int gen, SocketOpenEvent event) {
        Object[] local;
        Object[] global;
        synchronized (socket.engine.listenerLock) {
            synchronized (socket.lock) {
                if (socket.state.isCurrent(gen)) {
                    openEvent = event;
                }
                local = socket.listeners.open.snapshot();
            }
            global = socket.engine.openListeners.snapshot();
        }
        Listeners.fire(local, event, "onOpen listener");
        Listeners.fire(global, event, "onSocketOpen listener");
        socket.whenOpen.complete(event);
        socket.engine.publish(event, socket);
    }

    Registration onOpen(Consumer<SocketOpenEvent> listener) {
        Registration registration;
        SocketOpenEvent sticky;
        synchronized (socket.lock) {
            registration = socket.listeners.open.add(listener);
            sticky = stickyOpenEventLocked();
        }
        if (sticky != null) {
            socket.delivery.late(() -> listener.accept(sticky));
        }
        return registration;
    }

    /** The open event, if the socket is open now. */
    SocketOpenEvent stickyOpenEvent() {
        synchronized (socket.lock) {
            return stickyOpenEventLocked();
        }
    }

    private SocketOpenEvent stickyOpenEventLocked() {
        return socket.state.state() == ReadyState.OPEN ? openEvent : null;
    }

    // ---- heartbeat ----------------------------------------------------------------------------

    /** Sends a heartbeat ping on connection {@code gen}: a protocol ping now, or a text ping first in line. */
    void ping(int gen, Heartbeat beat, Runnable handedOver) {
        Session s;
        synchronized (socket.lock) {
            if (!socket.state.isCurrent(gen) || socket.state.state() != ReadyState.OPEN) {
                return;
            }
            s = session;
            if (beat.pingText().isPresent()) {
                PendingCall<CallbackResult> call = socket.engine.call(SocketEngine.SEND, CloseSocketOption.normal());
                socket.outbox.offerFirst(Outgoing.ping(call, beat.pingText().get(), handedOver));
            }
        }
        if (beat.pingText().isPresent()) {
            socket.writer.pump();
            return;
        }
        try {
            s.getAsyncRemote().sendPing(PING_PAYLOAD.duplicate());
            handedOver.run();
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: ping on socket " + socket.socketTaskId() + " failed", e);
            ended(gen, End.abnormal(SocketErrorCode.TRANSPORT, "onSocketError:fail the heartbeat ping could not be sent: "
                    + ManagedSocket.describe(e), e), false);
        }
    }

    // ---- close --------------------------------------------------------------------------------

    CompletionStage<CallbackResult> close(PendingCall<CallbackResult> call, int code, String reason) {
        ReadyState was;
        int gen;
        synchronized (socket.lock) {
            was = socket.state.requestClose();
            gen = socket.state.generation();
            if (was == ReadyState.OPEN) {
                socket.outbox.offerClose(Outgoing.close(call, code, reason));
            }
        }
        switch (was) {
            case OPEN:
                socket.writer.pump();
                break;
            case CONNECTING:
                socket.delivery.complete(call, () -> call.succeed(CallbackResult.ok(call.api)));
                ended(gen, End.abnormal(SocketErrorCode.CLOSED,
                        "connectSocket:fail the socket was closed before the connection was established", null), false);
                break;
            default:
                call.fail(SocketErrorCode.NOT_OPEN, "WebSocket is already " + (was == ReadyState.CLOSING ? "closing" : "closed"));
        }
        return call.stage;
    }

    /** The close frame went out: the peer has the close timeout to answer. */
    void closeFrameSent(int gen) {
        long millis = socket.engine.settings().closeTimeout().toMillis();
        synchronized (socket.lock) {
            if (!socket.state.isCurrent(gen)) {
                return;
            }
            try {
                timer = socket.engine.scheduler().schedule(() -> ended(gen, End.abnormal(SocketErrorCode.TIMEOUT,
                        "onSocketError:fail the peer did not answer the close within " + millis + " ms", null), false),
                        millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                timer = null; // shutting down: the shutdown forces the end itself
            }
        }
    }

    /** Fails what is queued with CLOSED, then closes with 1001 (an open socket) or aborts (a connecting one). */
    void shutdown() {
        List<Outgoing> dropped;
        boolean live;
        synchronized (socket.lock) {
            dropped = socket.outbox.drainData();
            ReadyState now = socket.state.state();
            live = now == ReadyState.OPEN || now == ReadyState.CONNECTING;
        }
        complete(dropped, "the SocketManager shut down before the message was sent");
        if (live) {
            close(socket.engine.call(SocketEngine.CLOSE, CloseSocketOption.normal()), 1001, "going away");
        }
    }

    // ---- the end of a connection --------------------------------------------------------------

    /**
     * Connection {@code gen} ended. With a reconnect policy and a retryable end the socket connects
     * again later; otherwise it ends for good, exactly once.
     */
    void ended(int gen, End end, boolean onlyWhileConnecting) {
        SocketState.Decision decision;
        List<Outgoing> orphans;
        List<Outgoing> left;
        Session s;
        Handshake running;
        HeartbeatTimer hb;
        synchronized (socket.lock) {
            decision = socket.state.end(gen, end, onlyWhileConnecting, socket.policies.reconnect(),
                    socket.engine.isShutDown(), System.nanoTime(), ThreadLocalRandom.current());
            if (decision.kind() == SocketState.Kind.IGNORE) {
                return;
            }
            orphans = socket.outbox.orphanInFlight();
            boolean over = decision.kind() == SocketState.Kind.ENDED;
            left = over ? socket.outbox.drainAll() : socket.outbox.dropControl();
            liveGeneration = over ? 0 : socket.state.generation();
            cancelTimer();
            running = handshake;
            handshake = null;
            s = session;
            session = null;
            openEvent = null;
            hb = heartbeat;
            heartbeat = null;
        }
        if (hb != null) {
            hb.stop();
        }
        if (running != null) {
            running.abort();
        }
        if (s != null) {
            closeSession(s, end);
        }
        complete(orphans, ORPHANED);
        SocketErrorEvent error = decision.fireError()
                ? new SocketErrorEvent(socket, end.errMsg(), end.error(), end.cause()) : null;
        if (decision.kind() == SocketState.Kind.RECONNECT) {
            complete(left, ORPHANED);
            reconnectLater(gen, decision, end, error);
        } else {
            closed(end, left, error);
        }
    }

    private void reconnectLater(int gen, SocketState.Decision decision, End end, SocketErrorEvent error) {
        socket.engine.metrics().reconnecting(socket, decision.attempt());
        SocketReconnectingEvent event = new SocketReconnectingEvent(socket, decision.attempt(), decision.delay(),
                end.errMsg() != null ? end.errMsg() : "the connection closed with code " + end.code());
        socket.delivery.connectionEnded(gen, () -> {
            if (error != null) {
                Delivery.fire(error, socket.listeners.error, socket.engine.errorListeners, socket.engine, socket,
                        "onError listener");
            }
            Delivery.fire(event, socket.listeners.reconnecting, null, socket.engine, socket, "onReconnecting listener");
        });
        socket.engine.reconnectLater(socket, gen + 1, decision.delay());
    }

    private void closed(End end, List<Outgoing> left, SocketErrorEvent error) {
        socket.engine.release(socket);
        socket.inbox.end();
        socket.engine.metrics().closed(socket, end.code(), end.wasClean());
        complete(left, "the socket closed before the message was sent");
        SocketCloseEvent closeEvent = new SocketCloseEvent(socket, end.code(), end.reason(), end.wasClean());
        socket.delivery.closed(() -> {
            if (error != null) {
                Delivery.fire(error, socket.listeners.error, socket.engine.errorListeners, socket.engine, socket,
                        "onError listener");
            }
            Delivery.fire(closeEvent, socket.listeners.close, socket.engine.closeListeners, socket.engine, socket,
                    "onClose listener");
            socket.whenOpen.completeExceptionally(new SocketException(end.openFailure(), new CallbackResult(
                    end.errMsg() != null ? end.errMsg() : "connectSocket:fail the socket closed before it opened"),
                    end.cause()));
            socket.whenClosed.complete(closeEvent);
        });
    }

    private void complete(List<Outgoing> items, String why) {
        for (Outgoing o : items) {
            if (!o.isPing()) {
                socket.delivery.complete(o.call, () -> o.ended(why));
            }
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void closeSession(Session s, End end) {
        int code = end.code();
        CloseReason why = code == CloseReason.CloseCodes.TOO_BIG.getCode() || code == CloseReason.CloseCodes.VIOLATED_POLICY.getCode()
                ? new CloseReason(CloseReason.CloseCodes.getCloseCode(code), end.reason()) : ABANDONED;
        try {
            socket.engine.executor().execute(() -> closeQuietly(s, why));
        } catch (RejectedExecutionException e) {
            closeQuietly(s, why); // the executor is stopping with the application: close here
        }
    }

    static void closeQuietly(Session s, CloseReason why) {
        try {
            if (s.isOpen()) {
                s.close(why);
            }
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: closing an abandoned session failed", e);
        }
    }
}
