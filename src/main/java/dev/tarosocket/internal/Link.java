package dev.tarosocket.internal;

import dev.tarosocket.event.SocketOpenEvent;

import jakarta.websocket.Session;

import java.util.concurrent.Future;

/**
 * The resources of a socket's current connection attempt. Guarded by the socket's lock, except the
 * two volatile fields that the container's reading threads check without it.
 *
 * <p>Invariants: {@code session} is set only while the socket is OPEN or CLOSING; {@code handshake}
 * only while a handshake runs; everything is taken out at once by {@link #release} when the
 * connection ends, so each resource is released by exactly one caller.
 */
final class Link {

    Session session;                   // OPEN or CLOSING only
    SocketOpenEvent openEvent;         // set while its open event is delivered; sticky for late listeners
    Handshake handshake;               // the running handshake, null when none
    Future<?> timer;                   // the handshake or close timeout, null when none
    volatile HeartbeatTimer heartbeat; // of the open connection, null when none
    private volatile int liveGeneration = 1; // the current generation, 0 once the socket ended

    boolean isLive(int gen) {
        return gen == liveGeneration;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** What the connection held, taken out to be released outside the lock. */
    record Released(Session session, Handshake handshake, HeartbeatTimer heartbeat) {
    }

    /** Ends the current connection: the next live generation is {@code next} (0: the socket ended). */
    Released release(int next) {
        liveGeneration = next;
        cancelTimer();
        Released r = new Released(session, handshake, heartbeat);
        session = null;
        openEvent = null;
        handshake = null;
        heartbeat = null;
        return r;
    }
}
