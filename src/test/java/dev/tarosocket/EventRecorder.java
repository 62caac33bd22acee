package dev.tarosocket;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Records the events of a socket (or of a whole manager) in delivery order, reconnect events
 * included (a manager's global listeners have none: reconnect events are per socket and CDI). Tests take them one by
 * one with {@link #next(Class)} and end with {@link #assertExhausted()}: nothing unexpected happened.
 */
public final class EventRecorder {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>();

    /** Listeners on one socket, added through the option so that no event can be missed. */
    public static EventRecorder on(ConnectSocketOption.Builder option) {
        EventRecorder r = new EventRecorder();
        option.onOpen(r.events::add).onMessage(r.events::add).onError(r.events::add).onClose(r.events::add)
                .onReconnecting(r.events::add).onReconnected(r.events::add);
        return r;
    }

    public static EventRecorder on(SocketTask task) {
        EventRecorder r = new EventRecorder();
        task.onOpen(r.events::add);
        task.onMessage(r.events::add);
        task.onError(r.events::add);
        task.onClose(r.events::add);
        task.onReconnecting(r.events::add);
        task.onReconnected(r.events::add);
        return r;
    }

    /** Global listeners: every socket of the manager. */
    public static EventRecorder on(SocketManager manager) {
        EventRecorder r = new EventRecorder();
        manager.onSocketOpen(r.events::add);
        manager.onSocketMessage(r.events::add);
        manager.onSocketError(r.events::add);
        manager.onSocketClose(r.events::add);
        return r;
    }

    /** The next event, which must be of {@code type}; waits up to 10 s. */
    public <T extends SocketEvent> T next(Class<T> type) {
        SocketEvent e;
        try {
            e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ie);
        }
        if (e == null) {
            fail("no " + type.getSimpleName() + " within " + WAIT);
        }
        assertThat(e).as("next event").isInstanceOf(type);
        return type.cast(e);
    }

    public SocketOpenEvent nextOpen() {
        return next(SocketOpenEvent.class);
    }

    public SocketMessageEvent nextMessage() {
        return next(SocketMessageEvent.class);
    }

    public SocketErrorEvent nextError() {
        return next(SocketErrorEvent.class);
    }

    public SocketCloseEvent nextClose() {
        return next(SocketCloseEvent.class);
    }

    /** Nothing was recorded that the test did not take. */
    public void assertExhausted() {
        List<SocketEvent> left = new ArrayList<>();
        events.drainTo(left);
        assertThat(left).as("events nobody expected").isEmpty();
    }
}
