package dev.tarosocket.internal;

import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;
import dev.tarosocket.spi.EventSink;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Fires each socket event as a CDI event, first to synchronous observers ({@code Event.fire}), then
 * to asynchronous ones ({@code fireAsync}); a named socket's events carry {@code @SocketName(name)}.
 * An observer's exception is logged. (CDI stops notifying the synchronous observers of one
 * {@code fire} at the first exception: that is the container's rule.) A named socket's text messages
 * then go to the application's typed observers ({@link TypedObservers}).
 *
 * <p>Which kinds of observer exist for an event type and socket name is resolved once and cached
 * (observers are fixed when the container starts), so a message nobody observes costs no
 * {@code fire} and no {@code fireAsync}. The cache holds at most {@link #MAX_CACHED} pairs, so an
 * application that names sockets per user cannot grow it without bound.
 */
final class CdiEventSink implements EventSink {

    /** Bit 1: some synchronous observer; bit 2: some asynchronous observer. */
    private static final int SYNC = 1;
    private static final int ASYNC = 2;

    private final Event<Object> events;
    private final BeanManager beanManager;  // null: fire without asking who observes
    /** Most (event type, socket name) pairs remembered; names beyond it are resolved on each event. */
    static final int MAX_CACHED = 1024;

    private final Map<Key, Integer> observed = new ConcurrentHashMap<>(); // kinds of observer per event type and name; at most MAX_CACHED

    private record Key(Class<?> type, String socketName) {
    }

    private final TypedObservers typed; // the application's typed observers; NONE without the extension

    public CdiEventSink(Event<Object> events, BeanManager beanManager) {
        this.events = events;
        this.beanManager = beanManager;
        this.typed = TypedObservers.of(beanManager);
    }

    /** Null when the sink fires without asking the container who observes. */
    BeanManager beanManager() {
        return beanManager;
    }

    @Override
    public void publish(SocketEvent event, String socketName) {
        Key key = new Key(event.getClass(), socketName);
        Integer cached = observed.get(key);
        int kinds;
        if (cached != null) {
            kinds = cached;
        } else {
            kinds = resolve(event, socketName);
            if (observed.size() < MAX_CACHED) {
                observed.putIfAbsent(key, kinds);
            }
        }
        if (kinds != 0) {
            fireAll(event, socketName, kinds);
        }
        if (socketName != null && event instanceof SocketMessageEvent message) {
            typed.deliver(message, socketName); // after the untyped observers: see TypedObservers
        }
    }

    private void fireAll(SocketEvent event, String socketName, int kinds) {
        Event<Object> target = socketName == null ? events : events.select(SocketName.Literal.of(socketName));
        if ((kinds & SYNC) != 0) {
            fire(target, event);
        }
        if ((kinds & ASYNC) != 0) {
            fireAsync(target, event);
        }
    }

    int cachedPairs() {
        return observed.size();
    }

    private int resolve(SocketEvent event, String socketName) {
        if (beanManager == null) {
            return SYNC | ASYNC;
        }
        try {
            Annotation[] qualifiers = socketName == null ? new Annotation[0] : new Annotation[] {SocketName.Literal.of(socketName)};
            Set<ObserverMethod<? super SocketEvent>> observers = beanManager.resolveObserverMethods(event, qualifiers);
            int kinds = 0;
            for (ObserverMethod<?> o : observers) {
                kinds |= o.isAsync() ? ASYNC : SYNC;
            }
            return kinds;
        } catch (RuntimeException e) {
            return SYNC | ASYNC; // cannot tell: fire both, as without the cache
        }
    }

    private static void fire(Event<Object> target, SocketEvent event) {
        try {
            target.fire(event);
        } catch (RuntimeException e) {
            Log.LOG.log(WARNING, "taro-socket: an @Observes observer of " + event.getClass().getSimpleName()
                    + " threw; ignored", e);
        }
    }

    private static void fireAsync(Event<Object> target, SocketEvent event) {
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
