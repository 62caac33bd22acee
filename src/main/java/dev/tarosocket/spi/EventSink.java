package dev.tarosocket.spi;

import dev.tarosocket.event.SocketEvent;

/**
 * Where a manager publishes every socket event after its listeners have run; the CDI layer's sink
 * fires CDI events. Called on the socket's delivery lane, one event at a time per socket, in order.
 * An implementation must not throw; if it does, the exception is logged and delivery goes on.
 */
@FunctionalInterface
public interface EventSink {

    /** Publishes nothing: for plain Java SE use without CDI. */
    EventSink NONE = (event, socketName) -> { };

    /**
     * @param event      the event, already delivered to callbacks
     * @param socketName the socket's name, or null for an unnamed socket
     */
    void publish(SocketEvent event, String socketName);
}
