package dev.tarosocket.event;

import dev.tarosocket.SocketTask;

/**
 * A life-cycle event of one socket. The same object reaches the socket's listeners, the
 * manager's global listeners and CDI observers (qualified with {@link SocketName} for a named socket).
 */
public interface SocketEvent {

    /** The socket this event belongs to. */
    SocketTask task();
}
