package dev.tarosocket.internal;

import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.spi.EventSink;
import dev.tarosocket.spi.SocketMetrics;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.WebSocketContainer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The wiring of a {@link SocketEngine}: which configuration, executors, container and event sink it
 * gets, in CDI and on Java SE. The only entry point {@code SocketManager} uses besides the engine.
 */
public final class Engines {

    private Engines() {
    }

    /**
     * The engine of the CDI bean: configuration from {@code source} (the application's, read at its
     * start), the server's managed executors when JNDI has them (else its own threads, said at INFO),
     * the container {@code ContainerProvider} finds, every event also fired as a CDI event. Called on
     * the application's deployment thread, whose context the managed executors' tasks then carry.
     */
    public static SocketEngine forCdi(ConfigSource source, Event<Object> events, BeanManager beanManager,
                                      SocketMetrics metrics) {
        EngineExecutors executors = EngineExecutors.managedOrOwn();
        EventSink sink = events == null ? EventSink.NONE : new CdiEventSink(events, beanManager);
        SocketEngine engine = new SocketEngine(SocketSettings.from(source), new NamedSockets(source),
                ContainerHolder.lookup(!executors.isManaged()), executors, sink, metrics);
        ServerSuspension.watch(engine, executors);
        return engine;
    }

    /**
     * The engine of a manager built in code.
     *
     * @param settings  null: read from {@code source}
     * @param container null: looked up (and released on shutdown); else the caller's
     * @param executor  null: a pool of the engine's own (with {@code scheduler}, else the caller's)
     */
    public static SocketEngine forJavaSe(SocketSettings settings, ConfigSource source, WebSocketContainer container,
                                         ExecutorService executor, ScheduledExecutorService scheduler,
                                         EventSink sink, SocketMetrics metrics) {
        SocketSettings s = settings != null ? settings : SocketSettings.from(source);
        EngineExecutors ex = executor != null ? EngineExecutors.given(executor, scheduler) : EngineExecutors.own();
        ContainerHolder holder = container != null ? ContainerHolder.of(container) : ContainerHolder.lookup(true);
        return new SocketEngine(s, new NamedSockets(source), holder, ex, sink, metrics);
    }
}
