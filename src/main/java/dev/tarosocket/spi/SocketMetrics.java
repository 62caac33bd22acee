package dev.tarosocket.spi;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;

/**
 * Hooks a metrics library implements to count what the sockets do; every method has a no-op default.
 * Called on the thread where the thing happened (a caller's, a container's or a lane's): keep them
 * cheap and non-blocking, and never throw.
 */
public interface SocketMetrics {

    /** Counts nothing. */
    SocketMetrics NONE = new SocketMetrics() {
    };

    /** A connection attempt starts (the first, or a reconnect). */
    default void connecting(SocketTask task) {
    }

    /** The socket opened; {@code handshakeNanos} is how long the handshake took. */
    default void connected(SocketTask task, long handshakeNanos) {
    }

    /** A call ({@code connectSocket}, {@code sendSocketMessage}, {@code closeSocket}) failed. */
    default void callFailed(String api, SocketErrorCode code) {
    }

    /** A whole message arrived. */
    default void received(SocketTask task, boolean text, long bytes) {
    }

    /** The container reported a message written, {@code latencyNanos} after the send call. */
    default void sent(SocketTask task, boolean text, long bytes, long latencyNanos) {
    }

    /** A reconnect is scheduled. */
    default void reconnecting(SocketTask task, int attempt) {
    }

    /** The connection ended with this close code (1006 for an abnormal end). */
    default void closed(SocketTask task, int code, boolean wasClean) {
    }
}
