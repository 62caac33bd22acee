package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Registration;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.spi.EventSink;
import dev.tarosocket.spi.SocketMetrics;

import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The CDI-free core behind {@code SocketManager}: the live sockets, the socket limit, the global
 * listeners and the current socket. Thread-safe.
 */
public final class SocketEngine {

    static final String CONNECT = "connectSocket";
    static final String SEND = "sendSocketMessage";
    static final String CLOSE = "closeSocket";

    private final SocketSettings settings;
    private final NamedSockets named;
    private final ContainerHolder container;
    private final EngineExecutors executors;
    private final EventSink sink;
    private final SocketMetrics metrics;

    final GlobalListeners global = new GlobalListeners();
    final Json json; // this manager's JSON-B, made on first use

    private final ConcurrentSkipListMap<Long, ManagedSocket> live = new ConcurrentSkipListMap<>(); // not yet ended, by id
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean shutDown; // set once by shutdown(); no connect is accepted after
    private volatile Future<?> watchdog; // the send-timeout check, started with the first socket
    final Connector connector;

    SocketEngine(SocketSettings settings, NamedSockets named, ContainerHolder container,
                        EngineExecutors executors, EventSink sink, SocketMetrics metrics) {
        this.settings = settings;
        this.named = named;
        this.container = container;
        this.executors = executors;
        this.sink = sink;
        this.metrics = GuardedMetrics.of(metrics);
        this.connector = new Connector(this, named, container);
        this.json = Json.forSink(sink);
    }

    SocketMetrics metrics() {
        return metrics;
    }

    <T> PendingCall<T> call(String api, dev.tarosocket.CallbackOption option) {
        return new PendingCall<>(api, option, metrics);
    }

    SocketSettings settings() {
        return settings;
    }

    ExecutorService executor() {
        return executors.executor();
    }

    ExecutorService handshakes() {
        return executors.handshakes();
    }

    ScheduledExecutorService scheduler() {
        return executors.scheduler();
    }

    // ---- Taro's functions -------------------------------------------------------------------

    public CompletionStage<SocketTask> connect(ConnectSocketOption option) {
        long callMillis = System.currentTimeMillis();
        PendingCall<SocketTask> call = call(CONNECT, option);
        if (shutDown) {
            call.fail(SocketErrorCode.CLOSED, "the SocketManager is shut down");
            return call.stage;
        }
        NamedSockets.Resolved target;
        SocketPolicies policies;
        try {
            target = named.resolve(option);
            policies = named.policies(option);
        } catch (IllegalArgumentException e) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            return call.stage;
        }
        if (target.url() == null) {
            call.fail(SocketErrorCode.INVALID_URL, "request:fail invalid url \"\": no URL given"
                    + option.name().map(n -> " and " + NamedSockets.key(n, "url") + " is not configured").orElse(""));
            return call.stage;
        }
        String[] why = new String[1];
        URI uri = Validation.parseSocketUrl(target.url(), why);
        if (uri == null) {
            call.fail(SocketErrorCode.INVALID_URL, why[0]);
            return call.stage;
        }
        ManagedSocket socket;
        String refusal = null;
        synchronized (live) {
            // checked again under the lock that shutdown() takes: a connect either registers before
            // the shutdown takes its snapshot (and is closed by it) or sees it and fails
            if (shutDown) {
                refusal = "the SocketManager is shut down";
                socket = null;
            } else if (live.size() >= settings.maxSockets()) {
                socket = null;
            } else {
                long max = option.maxBufferedBytes().orElse(settings.maxBufferedBytes());
                socket = new ManagedSocket(this, ids.incrementAndGet(), option, policies, max);
                live.put(socket.socketTaskId(), socket);
            }
        }
        if (socket == null) {
            if (refusal != null) {
                call.fail(SocketErrorCode.CLOSED, refusal);
            } else {
                call.fail(SocketErrorCode.TOO_MANY_SOCKETS, "too many sockets: at most " + settings.maxSockets()
                        + " may be open at once (" + SocketSettings.MAX_SOCKETS + ")");
            }
            return call.stage;
        }
        WebSocketContainer wsc;
        try {
            wsc = policies.sslContext() != null && VendorProperties.secure(uri)
                    ? container.get(policies.sslContext()) : container.get();
        } catch (IllegalArgumentException e) { // a TLS setting the container cannot take
            release(socket);
            call.fail(SocketErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            return call.stage;
        } catch (RuntimeException | ServiceConfigurationError e) {
            release(socket);
            call.fail(SocketErrorCode.HANDSHAKE_FAILED, "no JSR-356 WebSocket client implementation is available: "
                    + e.getMessage(), e);
            return call.stage;
        }
        socket.url(uri.toString());
        call.succeed(socket);
        startWatchdog();
        connector.start(socket, 1, wsc, uri, target, callMillis);
        return call.stage;
    }

    /** Starts, once, the periodic check that fails sends the container has not written in time. */
    private void startWatchdog() {
        if (watchdog != null) {
            return;
        }
        synchronized (live) {
            if (watchdog != null || shutDown) {
                return;
            }
            long timeoutNanos = settings.sendTimeout().toNanos();
            long periodMillis = Math.max(10, Math.min(1000, settings.sendTimeout().toMillis() / 4));
            watchdog = scheduler().scheduleWithFixedDelay(() -> {
                long now = System.nanoTime();
                for (ManagedSocket s : live.values()) {
                    s.writer.checkSendTimeout(now, timeoutNanos);
                }
            }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The class name of the container in use, or null before the first connect. */
    public String containerImplementation() {
        return container.implementation();
    }

    boolean isShutDown() {
        return shutDown;
    }

    public CompletionStage<CallbackResult> send(SendSocketMessageOption option) {
        PendingCall<CallbackResult> call = call(SEND, option);
        Optional<ManagedSocket> current = currentSocket();
        if (current.isEmpty()) {
            call.fail(SocketErrorCode.NOT_CONNECTED, "WebSocket is not connected");
            return call.stage;
        }
        Object data = json.data(option, call);
        return call.isDone() ? call.stage
                : current.get().send(call, data, option.deadline().orElse(null));
    }

    public CompletionStage<CallbackResult> close(CloseSocketOption option) {
        PendingCall<CallbackResult> call = call(CLOSE, option);
        Optional<ManagedSocket> current = currentSocket();
        if (current.isEmpty()) {
            call.fail(SocketErrorCode.NOT_CONNECTED, "WebSocket is not connected");
            return call.stage;
        }
        return current.get().close(call, option.code(), option.reason());
    }

    /** The most recently connected socket that has not ended. */
    public Optional<SocketTask> current() {
        return currentSocket().map(SocketTask.class::cast);
    }

    private Optional<ManagedSocket> currentSocket() {
        Map.Entry<Long, ManagedSocket> last = live.lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getValue());
    }

    /** The sockets that have not ended, oldest first. */
    public Collection<SocketTask> sockets() {
        return List.copyOf(live.values());
    }

    public Registration onOpen(Consumer<SocketOpenEvent> listener) {
        return global.onOpen(listener, live.values());
    }

    public Registration onMessage(Consumer<SocketMessageEvent> listener) {
        return global.message.add(listener);
    }

    public Registration onError(Consumer<SocketErrorEvent> listener) {
        return global.error.add(listener);
    }

    public Registration onClose(Consumer<SocketCloseEvent> listener) {
        return global.close.add(listener);
    }

    // ---- life cycle -------------------------------------------------------------------------

    void release(ManagedSocket socket) {
        synchronized (live) {
            live.remove(socket.socketTaskId());
        }
    }

    void publish(SocketEvent event, ManagedSocket socket) {
        try {
            sink.publish(event, socket.name().orElse(null));
        } catch (RuntimeException e) {
            Log.LOG.log(WARNING, "taro-socket: publishing " + event.getClass().getSimpleName() + " failed; ignored", e);
        }
    }

    /**
     * Closes every socket with 1001, completes every pending call, and releases what this engine
     * created; see {@link Shutdown}. Idempotent.
     */
    public void shutdown(Duration grace) {
        List<ManagedSocket> sockets;
        synchronized (live) {
            if (shutDown) {
                return;
            }
            shutDown = true; // under the lock connect() registers with: no connect slips past the snapshot
            sockets = new ArrayList<>(live.values());
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        Shutdown.run(sockets, grace);
        executors.close(!Lane.isLaneThread());
        container.close();
        json.close();
    }
}
