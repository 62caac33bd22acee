package dev.tarosocket.cdi;

import dev.tarosocket.event.SocketMessageEvent;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.interceptor.Interceptor;

/**
 * An observer with a bug: it throws for every message, synchronously and asynchronously. It is
 * ordered last, because CDI stops notifying the synchronous observers of one {@code fire} at the
 * first exception (the container's rule); what must hold is that the socket, its callbacks, the next
 * events and the asynchronous observers go on.
 */
@ApplicationScoped
public class ThrowingObserver {

    void boom(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) SocketMessageEvent e) {
        throw new IllegalStateException("observer bug (expected by the test)");
    }

    void boomAsync(@ObservesAsync SocketMessageEvent e) {
        throw new IllegalStateException("async observer bug (expected by the test)");
    }
}
