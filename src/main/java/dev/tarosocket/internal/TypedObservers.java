package dev.tarosocket.internal;

import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The application's typed observers: {@code @Observes @SocketName("n") T} where {@code T} is not a
 * taro-socket event type nor one of its supertypes (found by {@link SocketsExtension}).
 *
 * <p>The rules: each text message of socket {@code n} is decoded with JSON-B once per distinct type
 * observed for {@code n}; each typed observer of {@code n} whose type decoded to a non-null value is
 * notified once with it (never with the decoding for another type, so an observer of a supertype is
 * not notified twice). A message that does not decode to {@code T}, or decodes to {@code null},
 * reaches no observer of {@code T}: it is logged at DEBUG and nothing else happens (no error event,
 * the socket stays open). Binary messages reach no typed observer. Typed observers run after the
 * untyped ones, on the socket's delivery thread, in message order, ordered among themselves by
 * {@code @Priority} then bean class and type name; one that throws is logged and the others are
 * still notified.
 */
final class TypedObservers {

    static final TypedObservers NONE = new TypedObservers();

    private record Typed(ObserverMethod<Object> method, Type type) {
    }

    private final Map<String, List<Typed>> byName = new ConcurrentHashMap<>(); // fixed once the container has started

    /** The typed observers the extension found for {@code beanManager}'s application, else {@link #NONE}. */
    static TypedObservers of(BeanManager beanManager) {
        if (beanManager == null) {
            return NONE;
        }
        try {
            return beanManager.getExtension(SocketsExtension.class).typed();
        } catch (RuntimeException e) {
            return NONE; // the extension is not registered (e.g. extensions disabled in a test container)
        }
    }

    @SuppressWarnings("unchecked")
    void add(String socketName, ObserverMethod<?> method) {
        byName.compute(socketName, (k, list) -> {
            List<Typed> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(new Typed((ObserverMethod<Object>) method, method.getObservedType()));
            next.sort(Comparator.comparingInt((Typed t) -> t.method().getPriority())
                    .thenComparing(t -> t.method().getBeanClass().getName())
                    .thenComparing(t -> t.type().getTypeName()));
            return List.copyOf(next);
        });
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    Map<String, List<String>> describe() {
        Map<String, List<String>> out = new HashMap<>();
        byName.forEach((n, list) -> out.put(n, list.stream().map(t -> describe(t.method())).toList()));
        return out;
    }

    static String describe(ObserverMethod<?> m) {
        return m.getBeanClass().getName() + " observing @SocketName " + m.getObservedType().getTypeName();
    }

    void deliver(SocketMessageEvent message, String socketName) {
        List<Typed> observers = byName.get(socketName);
        if (observers == null || !message.isText()) {
            return;
        }
        Map<Type, Object> decoded = new HashMap<>(); // this message, per type; NOTHING when it did not decode
        for (Typed t : observers) {
            Object value = decoded.computeIfAbsent(t.type(), type -> decode(message, type, socketName));
            if (value == NOTHING) {
                continue;
            }
            try {
                t.method().notify(new Context(value, t.type(), socketName));
            } catch (RuntimeException e) {
                Log.LOG.log(WARNING, "taro-socket: typed observer " + describe(t.method()) + " threw; ignored", e);
            }
        }
    }

    private static final Object NOTHING = new Object();

    private static Object decode(SocketMessageEvent message, Type type, String socketName) {
        try {
            Object value = message.json(type);
            if (value == null) {
                Log.LOG.log(DEBUG, () -> "taro-socket: a message of socket " + socketName + " is JSON null; no "
                        + type.getTypeName() + " observer notified");
                return NOTHING;
            }
            return value;
        } catch (RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: a message of socket " + socketName + " does not decode to "
                    + type.getTypeName() + " (" + e.getClass().getSimpleName() + "); its observers are skipped");
            return NOTHING;
        }
    }

    /** What the container would give the observer: the value, its type and the {@code @SocketName} qualifier. */
    private record Context(Object value, Type type, String socketName) implements EventContext<Object>, EventMetadata {
        @Override
        public Object getEvent() {
            return value;
        }

        @Override
        public EventMetadata getMetadata() {
            return this;
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of(SocketName.Literal.of(socketName), Any.Literal.INSTANCE);
        }

        @Override
        public InjectionPoint getInjectionPoint() {
            return null;
        }

        @Override
        public Type getType() {
            return type;
        }
    }
}
