package dev.tarosocket;

import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.internal.Engines;
import dev.tarosocket.internal.SocketEngine;
import dev.tarosocket.spi.EventSink;
import dev.tarosocket.spi.SocketMetrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.WebSocketContainer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Taro's WebSocket functions ({@code connectSocket}, {@code sendSocketMessage}, {@code closeSocket},
 * {@code onSocketOpen/Message/Error/Close}) for Java.
 *
 * <p>In CDI: {@code @Inject SocketManager sockets;} every socket event is also fired as a CDI event,
 * qualified with {@code @SocketName} for named sockets; the server's default managed executors are
 * used; when the application ends every socket closes with 1001. On Java SE: {@code new SocketManager()}
 * (settings from system properties and environment) or {@link #builder()}, and {@link #close()} when done.
 *
 * <p>In CDI the manager belongs to its application from the application's start: it is created then,
 * on the deployment thread, and reads there the application's configuration (its MicroProfile Config,
 * {@code META-INF/microprofile-config.properties} included), looks up the managed executors and
 * captures the application's context for callbacks. Which thread calls it first (a request, a health
 * probe, a timer, a management thread) changes nothing. Callbacks and observers run with the
 * application's context and without any caller's security identity: capture what you need from the
 * caller when you connect.
 *
 * <p>Global functions act on the {@linkplain #currentSocket() current socket}: the most recently
 * connected one that has not ended; with none they fail with {@code NOT_CONNECTED}
 * ({@code sendSocketMessage:fail WebSocket is not connected}). Global listeners hear every socket.
 */
@ApplicationScoped
public class SocketManager implements AutoCloseable {

    /** How long {@link #close()} waits for close handshakes before forcing the sockets closed. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    @Inject
    Event<Object> events;          // null outside CDI

    @Inject
    BeanManager beanManager;       // null outside CDI

    @Inject
    Instance<SocketMetrics> metricsBeans; // null outside CDI; an application's SocketMetrics bean, if any

    private volatile SocketEngine engine; // created by start() or on first use; never replaced
    private volatile ConfigSource config; // set with engine: where its settings and named sockets come from

    /**
     * For CDI, and for Java SE, with the settings of {@link ConfigSource#auto()}: MicroProfile Config
     * when present, else system properties and environment. In CDI an application bean of type
     * {@link SocketMetrics}, if there is exactly one, receives the metrics hooks.
     */
    public SocketManager() {
    }

    private SocketManager(SocketEngine engine, ConfigSource config) {
        this.engine = engine;
        this.config = config;
    }

    /** A manager configured in code, for Java SE. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the manager when the application starts, on its deployment thread, whoever calls it first
     * later. (Observing the event is what makes CDI create this bean then.)
     */
    void applicationStarted(@Observes @Initialized(ApplicationScoped.class) Object application) {
        start();
    }

    /**
     * Ends the sockets as soon as the application starts ending, while the server's WebSocket
     * container can still send close frames (on WildFly it stops with the web application, before
     * CDI destroys this bean). {@link #close()} follows from {@code @PreDestroy}; it is idempotent.
     */
    void applicationEnding(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
                           Object application) {
        close();
    }

    /** A malformed configuration value does not fail the deployment: every call then fails naming the key. */
    @PostConstruct
    void start() {
        try {
            engine();
        } catch (IllegalArgumentException e) {
            System.getLogger("dev.tarosocket").log(System.Logger.Level.WARNING,
                    "taro-socket: the configuration is not valid; every call will fail: " + e.getMessage());
        }
    }

    private SocketEngine engine() {
        SocketEngine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    ConfigSource source = ConfigSource.auto();
                    e = Engines.forCdi(source, events, beanManager, metrics());
                    config = source;
                    engine = e;
                }
            }
        }
        return e;
    }

    /** The application's {@link SocketMetrics} bean when there is exactly one, else none. */
    private SocketMetrics metrics() {
        return metricsBeans != null && metricsBeans.isResolvable() ? metricsBeans.get() : SocketMetrics.NONE;
    }

    /** Taro's {@code connectSocket}: completes when the call is accepted; the handshake goes on in the background. */
    public CompletionStage<SocketTask> connectSocket(ConnectSocketOption option) {
        return engine().connect(Objects.requireNonNull(option, "option"));
    }

    public CompletionStage<SocketTask> connectSocket(String url) {
        return connectSocket(ConnectSocketOption.of(url));
    }

    /** Taro's {@code sendSocketMessage}, on the current socket. */
    public CompletionStage<CallbackResult> sendSocketMessage(SendSocketMessageOption option) {
        return engine().send(Objects.requireNonNull(option, "option"));
    }

    public CompletionStage<CallbackResult> sendSocketMessage(String text) {
        return sendSocketMessage(SendSocketMessageOption.of(text));
    }

    public CompletionStage<CallbackResult> sendSocketMessage(ByteBuffer binary) {
        return sendSocketMessage(SendSocketMessageOption.of(binary));
    }

    public CompletionStage<CallbackResult> sendSocketMessage(byte[] binary) {
        return sendSocketMessage(SendSocketMessageOption.builder().data(binary).build());
    }

    /** Taro's {@code closeSocket}, on the current socket. */
    public CompletionStage<CallbackResult> closeSocket(CloseSocketOption option) {
        return engine().close(Objects.requireNonNull(option, "option"));
    }

    public CompletionStage<CallbackResult> closeSocket() {
        return closeSocket(CloseSocketOption.normal());
    }

    /** Every socket's open event; sticky: called at once for each socket open now. */
    public Registration onSocketOpen(Consumer<SocketOpenEvent> listener) {
        return engine().onOpen(Objects.requireNonNull(listener, "listener"));
    }

    public Registration onSocketMessage(Consumer<SocketMessageEvent> listener) {
        return engine().onMessage(Objects.requireNonNull(listener, "listener"));
    }

    public Registration onSocketError(Consumer<SocketErrorEvent> listener) {
        return engine().onError(Objects.requireNonNull(listener, "listener"));
    }

    public Registration onSocketClose(Consumer<SocketCloseEvent> listener) {
        return engine().onClose(Objects.requireNonNull(listener, "listener"));
    }

    /** The sockets that have not ended, oldest first. */
    public Collection<SocketTask> sockets() {
        return engine().sockets();
    }

    /** The socket the global functions act on: the most recently connected one that has not ended. */
    public Optional<SocketTask> currentSocket() {
        return engine().current();
    }

    /**
     * The names of the sockets this manager's configuration defines ({@code taro.socket.<name>.url}),
     * read from the configuration the manager was made with (in CDI, the application's), sorted.
     */
    public Set<String> configuredSocketNames() {
        engine();
        return ConfigSource.socketNames(config);
    }

    /**
     * The class name of the JSR-356 {@code WebSocketContainer} this manager uses (e.g.
     * {@code org.glassfish.tyrus.client.ClientManager} for Tyrus, {@code io.undertow...} on WildFly);
     * empty until the first {@code connectSocket} looks it up. For diagnostics: which implementation
     * a deployment really runs on.
     */
    public Optional<String> containerImplementation() {
        return Optional.ofNullable(engine().containerImplementation());
    }

    /**
     * Closes every socket with 1001 (going away), fails queued sends with {@code CLOSED}, and stops
     * the threads this manager started. Called by CDI when the application ends. Idempotent.
     */
    @PreDestroy
    @Override
    public void close() {
        SocketEngine e = engine;
        if (e != null) {
            int live = e.sockets().size();
            if (live > 0) {
                System.getLogger("dev.tarosocket").log(System.Logger.Level.INFO,
                        "taro-socket: the manager is closing; ending " + live + " socket(s) with 1001");
            }
            Engines.shutdown(e, SHUTDOWN_GRACE);
        }
    }

    /** Builds a manager for Java SE; what is not set comes from {@link ConfigSource#system()} and defaults. */
    public static final class Builder {
        private SocketSettings settings;
        private ConfigSource configSource = ConfigSource.system();
        private WebSocketContainer container;
        private ExecutorService executor;
        private ScheduledExecutorService scheduler;
        private EventSink eventSink = EventSink.NONE;
        private SocketMetrics metrics = SocketMetrics.NONE;

        private Builder() {
        }

        public Builder settings(SocketSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where settings and named sockets are read; default system properties and environment. */
        public Builder configSource(ConfigSource source) {
            this.configSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The JSR-356 container to use (yours to release); default {@code ContainerProvider.getWebSocketContainer()}. */
        public Builder container(WebSocketContainer container) {
            this.container = Objects.requireNonNull(container, "container");
            return this;
        }

        /** Executors to use (yours to shut down); default a daemon pool of the manager's own. */
        public Builder executors(ExecutorService executor, ScheduledExecutorService scheduler) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Where events are published after the listeners; default nowhere. */
        public Builder eventSink(EventSink sink) {
            this.eventSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Metrics hooks; default none. */
        public Builder metrics(SocketMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** @throws IllegalArgumentException if the configuration holds a malformed value (naming the key) */
        public SocketManager build() {
            return new SocketManager(Engines.forJavaSe(settings, configSource, container, executor, scheduler,
                    eventSink, metrics), configSource);
        }
    }
}
