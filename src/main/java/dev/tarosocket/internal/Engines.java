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
        return forCdi(source, events, beanManager, metrics, ENDINGS);
    }

    /** What ends each CDI engine's use of the managed executor, by engine (weakly). */
    private static final java.util.Map<SocketEngine, Runnable> ENDINGS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Ends the application's sockets: from now on the engine's tasks run on the calling thread (a
     * server's managed executor may never run a task queued by an application being undeployed),
     * then {@link SocketEngine#shutdown}. For engines not made by {@link #forCdi} only the latter.
     */
    public static void shutdown(SocketEngine engine, java.time.Duration grace) {
        Runnable ending = ENDINGS.remove(engine);
        if (ending != null) {
            ending.run();
        }
        engine.shutdown(grace);
    }

    private static SocketEngine forCdi(ConfigSource source, Event<Object> events, BeanManager beanManager,
                                       SocketMetrics metrics, java.util.Map<SocketEngine, Runnable> endings) {
        EngineExecutors executors = EngineExecutors.managedOrOwn();
        EventSink sink = events == null ? EventSink.NONE : new CdiEventSink(events, beanManager);
        SocketEngine engine = new SocketEngine(SocketSettings.from(source), new NamedSockets(source),
                ContainerHolder.lookup(!executors.isManaged()), executors, sink, metrics);
        ServerSuspension.watch(engine, executors);
        endings.put(engine, executors::applicationEnding);
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
