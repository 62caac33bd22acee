package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReadyState;
import dev.tarosocket.Registration;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The opening side of a socket's connections: a handshake started, a session opened, the open event
 * (sticky for late listeners) and the heartbeat's pings. {@link Closing} is the other side.
 *
 * <p>Invariants: a session that opens for an attempt that is no longer current is closed at once, on
 * the thread that reports it; the open event is delivered only while its connection is current; a
 * ping goes only to the current, OPEN connection.
 */
final class Connection {

    private static final CloseReason ABANDONED = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "abandoned");
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.wrap("taro".getBytes(StandardCharsets.US_ASCII));
    private static final String ORPHANED = "the connection ended before the container reported the message written";

    private final ManagedSocket socket;
    private final Link link;

    Connection(ManagedSocket socket, Link link) {
        this.socket = socket;
        this.link = link;
    }

    // ---- handshake and open -------------------------------------------------------------------

    /**
     * Records the handshake of {@code gen} and its timeout. If that attempt already opened, both are
     * done with; if it already ended (closed, timed out, superseded), the handshake is aborted.
     */
    void handshakeStarted(int gen, Handshake started, Future<?> timeout) {
        boolean connecting;
        boolean over;
        synchronized (socket.lock) {
            connecting = socket.state.isCurrent(gen) && socket.state.state() == ReadyState.CONNECTING;
            over = !socket.state.isCurrent(gen);
            if (connecting) {
                link.handshake = started;
                link.timer = timeout;
            }
        }
        if (!connecting) {
            timeout.cancel(false);
        }
        if (over) {
            started.abort(); // a session that opened anyway is closed when it reports in
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
                link.session = s;
                link.cancelTimer();
                link.handshake = null;
                Heartbeat beat = socket.policies.heartbeat();
                if (beat != null) {
                    hb = new HeartbeatTimer(socket, gen, beat, socket.engine.scheduler());
                    link.heartbeat = hb;
                }
            }
        }
        if (!accepted) {
            Closing.closeQuietly(s, Closing.ABANDONED); // closed, timed out or shut down meanwhile: release it now
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
        synchronized (socket.engine.global.lock) {
            synchronized (socket.lock) {
                if (socket.state.isCurrent(gen)) {
                    link.openEvent = event;
                }
                local = socket.listeners.open.snapshot();
            }
            global = socket.engine.global.open.snapshot();
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
        return socket.state.state() == ReadyState.OPEN ? link.openEvent : null;
    }

    // ---- heartbeat ----------------------------------------------------------------------------

    /** Sends a heartbeat ping on connection {@code gen}: a protocol ping now, or a text ping first in line. */
    void ping(int gen, Heartbeat beat, Runnable handedOver) {
        Session s;
        synchronized (socket.lock) {
            if (!socket.state.isCurrent(gen) || socket.state.state() != ReadyState.OPEN) {
                return;
            }
            s = link.session;
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
            socket.connectionEnded(gen, End.abnormal(SocketErrorCode.TRANSPORT, "onSocketError:fail the heartbeat ping could not be sent: "
                    + ManagedSocket.describe(e), e));
        }
    }
}
