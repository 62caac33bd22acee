package dev.tarosocket.event;

import dev.tarosocket.SocketTask;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection ended abnormally and the socket will try again after {@code delay}. No close event
 * is fired while the socket reconnects; it keeps its id, listeners and queued messages.
 *
 * @param task    the socket
 * @param attempt which attempt comes next, from 1
 * @param delay   how long until it starts
 * @param errMsg  why the previous connection ended
 */
public record SocketReconnectingEvent(SocketTask task, int attempt, Duration delay, String errMsg) implements SocketEvent {

    public SocketReconnectingEvent {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(delay, "delay");
        errMsg = errMsg == null ? "" : errMsg;
    }
}
