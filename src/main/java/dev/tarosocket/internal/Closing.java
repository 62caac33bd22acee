package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The closing side of a socket's connections: the application's close, the shutdown, and the end of
 * each connection as {@link SocketState} decides it (reconnect later, or the socket's end).
 *
 * <p>Invariants: whoever ends a connection releases its resources ({@link Link#release}) and
 * completes its orphaned sends itself, and at the socket's end everything still queued: no timer that
 * a shutdown could drop; the slot is freed before the close event is handed to {@link Delivery}, once.
 */
final class Closing {

    static final CloseReason ABANDONED = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "abandoned");
    private static final String ORPHANED = "the connection ended before the container reported the message written";

    private final ManagedSocket socket;
    private final Link link;

    Closing(ManagedSocket socket, Link link) {
        this.socket = socket;
        this.link = link;
    }

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
                link.timer = socket.engine.scheduler().schedule(() -> ended(gen, End.abnormal(SocketErrorCode.TIMEOUT,
                        "onSocketError:fail the peer did not answer the close within " + millis + " ms", null), false),
                        millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                link.timer = null; // shutting down: the shutdown forces the end itself
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

    /**
     * Connection {@code gen} ended. With a reconnect policy and a retryable end the socket connects
     * again later; otherwise it ends for good, exactly once.
     */
    void ended(int gen, End end, boolean onlyWhileConnecting) {
        SocketState.Decision decision;
        List<Outgoing> orphans;
        List<Outgoing> left;
        Link.Released released;
        synchronized (socket.lock) {
            decision = socket.state.end(gen, end, onlyWhileConnecting, socket.policies.reconnect(),
                    socket.engine.isShutDown(), System.nanoTime(), ThreadLocalRandom.current());
            if (decision.kind() == SocketState.Kind.IGNORE) {
                return;
            }
            orphans = socket.outbox.orphanInFlight();
            boolean over = decision.kind() == SocketState.Kind.ENDED;
            left = over ? socket.outbox.drainAll() : socket.outbox.dropControl();
            released = link.release(over ? 0 : socket.state.generation());
        }
        if (released.heartbeat() != null) {
            released.heartbeat().stop();
        }
        if (released.handshake() != null) {
            released.handshake().abort();
        }
        if (released.session() != null) {
            closeSession(released.session(), end);
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
                Delivery.fire(error, socket.listeners.error, socket.engine.global.error, socket.engine, socket,
                        "onError listener");
            }
            Delivery.fire(event, socket.listeners.reconnecting, null, socket.engine, socket, "onReconnecting listener");
        });
        socket.engine.connector.reconnectLater(socket, gen + 1, decision.delay());
    }

    private void closed(End end, List<Outgoing> left, SocketErrorEvent error) {
        socket.engine.release(socket);
        socket.inbox.end();
        socket.engine.metrics().closed(socket, end.code(), end.wasClean());
        complete(left, "the socket closed before the message was sent");
        SocketCloseEvent closeEvent = new SocketCloseEvent(socket, end.code(), end.reason(), end.wasClean());
        socket.delivery.closed(() -> {
            if (error != null) {
                Delivery.fire(error, socket.listeners.error, socket.engine.global.error, socket.engine, socket,
                        "onError listener");
            }
            Delivery.fire(closeEvent, socket.listeners.close, socket.engine.global.close, socket.engine, socket,
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
