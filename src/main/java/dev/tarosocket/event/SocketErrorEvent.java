package dev.tarosocket.event;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;

import java.util.Objects;
import java.util.Optional;

/**
 * Something went wrong on the socket. An abnormal end always fires one error event, then the close
 * event.
 *
 * @param task   the socket
 * @param errMsg what went wrong, in Taro form (e.g. {@code connectSocket:fail ...})
 * @param code   why
 * @param cause  the container's exception, if there was one (may be null)
 */
public record SocketErrorEvent(SocketTask task, String errMsg, SocketErrorCode code, Throwable cause)
        implements SocketEvent {

    public SocketErrorEvent {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(errMsg, "errMsg");
        Objects.requireNonNull(code, "code");
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(cause);
    }
}
