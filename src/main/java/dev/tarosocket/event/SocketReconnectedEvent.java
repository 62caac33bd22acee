package dev.tarosocket.event;

import dev.tarosocket.SocketTask;

import java.util.Objects;

/**
 * The socket is open again after {@code attempts} attempts. It is followed by the new connection's
 * {@link SocketOpenEvent}, so {@code onOpen} listeners (that subscribe or authenticate) run again.
 *
 * @param task     the socket
 * @param attempts how many attempts it took
 */
public record SocketReconnectedEvent(SocketTask task, int attempts) implements SocketEvent {

    public SocketReconnectedEvent {
        Objects.requireNonNull(task, "task");
    }
}
