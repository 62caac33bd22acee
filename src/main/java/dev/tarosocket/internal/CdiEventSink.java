package dev.tarosocket.internal;

import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketName;
import dev.tarosocket.spi.EventSink;

import jakarta.enterprise.event.Event;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Fires each socket event as a CDI event, first to synchronous observers ({@code Event.fire}), then
 * to asynchronous ones ({@code fireAsync}); a named socket's events carry {@code @SocketName(name)}.
 * An observer's exception is logged. (CDI stops notifying the synchronous observers of one
 * {@code fire} at the first exception: that is the container's rule.)
 */
public final class CdiEventSink implements EventSink {

    private final Event<Object> events;

    public CdiEventSink(Event<Object> events) {
        this.events = events;
    }

    @Override
    public void publish(SocketEvent event, String socketName) {
        Event<Object> target = socketName == null ? events : events.select(SocketName.Literal.of(socketName));
        try {
            target.fire(event);
        } catch (RuntimeException e) {
            Log.LOG.log(WARNING, "taro-socket: an @Observes observer of " + event.getClass().getSimpleName()
                    + " threw; ignored", e);
        }
        try {
            target.fireAsync(event).exceptionally(e -> {
                Log.LOG.log(WARNING, "taro-socket: an @ObservesAsync observer of "
                        + event.getClass().getSimpleName() + " threw; ignored", e);
                return null;
            });
        } catch (RuntimeException e) {
            Log.LOG.log(WARNING, "taro-socket: fireAsync of " + event.getClass().getSimpleName() + " failed", e);
        }
    }
}
