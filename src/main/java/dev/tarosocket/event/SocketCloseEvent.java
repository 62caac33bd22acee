package dev.tarosocket.event;

import dev.tarosocket.SocketTask;

import java.util.Objects;

/**
 * The socket ended. Fired exactly once per socket (per connection, with reconnect).
 *
 * @param task     the socket
 * @param code     the peer's close code; 1006 only for an abnormal end
 * @param reason   the peer's reason, empty if none
 * @param wasClean whether the close handshake completed
 */
public record SocketCloseEvent(SocketTask task, int code, String reason, boolean wasClean) implements SocketEvent {

    public SocketCloseEvent {
        Objects.requireNonNull(task, "task");
        reason = reason == null ? "" : reason;
    }
}
