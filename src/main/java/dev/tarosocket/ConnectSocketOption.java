package dev.tarosocket;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import javax.net.ssl.SSLContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Option of {@code connectSocket}: where to connect, how, and the listeners to attach before the
 * handshake starts (so that no event can be missed). Immutable; built with {@link #builder(String)}.
 * A URL that is not {@code ws://} or {@code wss://} is reported by the call ({@code INVALID_URL}),
 * never by {@link Builder#build()}.
 */
public final class ConnectSocketOption extends CallbackOption {

    private final Supplier<String> url;                    // null: taken from configuration by name
    private final Map<String, Supplier<String>> headers;   // unmodifiable, insertion order
    private final List<String> protocols;                  // unmodifiable
    private final Duration timeout;                        // null: the manager's default
    private final String name;                             // null: unnamed
    private final SendPolicy sendPolicy;
    private final Long maxBufferedBytes;                   // null: the manager's default
    private final ReconnectPolicy reconnect;               // null: no reconnect
    private final Heartbeat heartbeat;                     // null: no heartbeat
    private final SSLContext sslContext;                   // null: the container's default (JDK trust)
    private final boolean deliverInline;                   // messages on the container's thread
    private final List<Consumer<SocketReconnectingEvent>> onReconnecting;
    private final List<Consumer<SocketReconnectedEvent>> onReconnected;
    private final List<Consumer<SocketOpenEvent>> onOpen;
    private final List<Consumer<SocketMessageEvent>> onMessage;
    private final List<Consumer<SocketErrorEvent>> onError;
    private final List<Consumer<SocketCloseEvent>> onClose;

    private ConnectSocketOption(Builder b) {
        super(b);
        this.url = b.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.protocols = List.copyOf(b.protocols);
        this.timeout = b.timeout;
        this.name = b.name;
        this.sendPolicy = b.sendPolicy;
        this.deliverInline = b.deliverInline;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.reconnect = b.reconnect;
        this.heartbeat = b.heartbeat;
        this.sslContext = b.sslContext;
        this.onReconnecting = List.copyOf(b.onReconnecting);
        this.onReconnected = List.copyOf(b.onReconnected);
        this.onOpen = List.copyOf(b.onOpen);
        this.onMessage = List.copyOf(b.onMessage);
        this.onError = List.copyOf(b.onError);
        this.onClose = List.copyOf(b.onClose);
    }

    /** A builder for the given URL (validated by the call, not here). */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /** A builder without a URL: set one, or give a {@link Builder#name name} configured with a URL. */
    public static Builder builder() {
        return new Builder();
    }

    /** Connect to {@code url} with every default. */
    public static ConnectSocketOption of(String url) {
        return builder(url).build();
    }

    /** The socket named {@code name}, connected from configuration alone ({@code taro.socket.<name>.*}). */
    public static ConnectSocketOption named(String name) {
        return builder().name(name).build();
    }

    /** The URL supplier, asked on each connection attempt; empty when the URL comes from configuration. */
    public Optional<Supplier<String>> url() {
        return Optional.ofNullable(url);
    }

    /** Handshake request headers; each value supplier is asked on each connection attempt. */
    public Map<String, Supplier<String>> headers() {
        return headers;
    }

    public List<String> protocols() {
        return protocols;
    }

    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public SendPolicy sendPolicy() {
        return sendPolicy;
    }

    public OptionalLong maxBufferedBytes() {
        return maxBufferedBytes == null ? OptionalLong.empty() : OptionalLong.of(maxBufferedBytes);
    }

    public Optional<ReconnectPolicy> reconnect() {
        return Optional.ofNullable(reconnect);
    }

    public Optional<Heartbeat> heartbeat() {
        return Optional.ofNullable(heartbeat);
    }

    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    public boolean deliverInline() {
        return deliverInline;
    }

    public List<Consumer<SocketReconnectingEvent>> reconnectingListeners() {
        return onReconnecting;
    }

    public List<Consumer<SocketReconnectedEvent>> reconnectedListeners() {
        return onReconnected;
    }

    public List<Consumer<SocketOpenEvent>> openListeners() {
        return onOpen;
    }

    public List<Consumer<SocketMessageEvent>> messageListeners() {
        return onMessage;
    }

    public List<Consumer<SocketErrorEvent>> errorListeners() {
        return onError;
    }

    public List<Consumer<SocketCloseEvent>> closeListeners() {
        return onClose;
    }

    public static final class Builder extends CallbackOption.Builder<Builder> {
        private Supplier<String> url;
        private final Map<String, Supplier<String>> headers = new LinkedHashMap<>();
        private final List<String> protocols = new ArrayList<>();
        private Duration timeout;
        private String name;
        private SendPolicy sendPolicy = SendPolicy.QUEUE;
        private Long maxBufferedBytes;
        private ReconnectPolicy reconnect;
        private Heartbeat heartbeat;
        private SSLContext sslContext;
        private boolean deliverInline;
        private final List<Consumer<SocketReconnectingEvent>> onReconnecting = new ArrayList<>();
        private final List<Consumer<SocketReconnectedEvent>> onReconnected = new ArrayList<>();
        private final List<Consumer<SocketOpenEvent>> onOpen = new ArrayList<>();
        private final List<Consumer<SocketMessageEvent>> onMessage = new ArrayList<>();
        private final List<Consumer<SocketErrorEvent>> onError = new ArrayList<>();
        private final List<Consumer<SocketCloseEvent>> onClose = new ArrayList<>();

        private Builder() {
        }

        /** The {@code ws://} or {@code wss://} URL. */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            return url(() -> url);
        }

        /** A URL asked anew on each connection attempt (e.g. one carrying a fresh token). */
        public Builder url(Supplier<String> url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** A handshake request header. Its value is never logged above DEBUG. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            return header(name, () -> value);
        }

        /** A handshake request header whose value is asked anew on each connection attempt. */
        public Builder header(String name, Supplier<String> value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Subprotocols to offer, in order of preference ({@code Sec-WebSocket-Protocol}). */
        public Builder protocols(String... protocols) {
            for (String p : protocols) {
                this.protocols.add(Objects.requireNonNull(p, "protocol"));
            }
            return this;
        }

        /** Bound on the handshake; default {@code taro.socket.connect-timeout} (60 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Names the socket: its CDI events carry {@code @SocketName(name)}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** What a send does before the socket is open; default {@link SendPolicy#QUEUE}. */
        public Builder sendPolicy(SendPolicy policy) {
            this.sendPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Cap on bytes queued and not yet written; default {@code taro.socket.max-buffered-bytes} (16 MiB). */
        public Builder maxBufferedBytes(long bytes) {
            this.maxBufferedBytes = bytes;
            return this;
        }

        /** Reconnect after abnormal ends, with this policy; default none. */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Ping every interval and end a silent connection; default none. */
        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return this;
        }

        /** The TLS context for {@code wss} (e.g. trusting a private CA); default the JDK's. Certificates and host
         *  names are verified either way; on Jetty's client (TLS per container only) fails with INVALID_ARGUMENT. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /** Opt-in: call the message listeners on the container's thread when the socket's lane is idle
         *  (saves a thread hop). Only for listeners that never block: a slow one delays all that thread
         *  serves, and {@code taro.socket.max-inbound-bytes} does not apply. Order and close-last hold. */
        public Builder deliverInline(boolean inline) {
            this.deliverInline = inline;
            return this;
        }

        public Builder onReconnecting(Consumer<SocketReconnectingEvent> listener) {
            onReconnecting.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder onReconnected(Consumer<SocketReconnectedEvent> listener) {
            onReconnected.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder onOpen(Consumer<SocketOpenEvent> listener) {
            onOpen.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder onMessage(Consumer<SocketMessageEvent> listener) {
            onMessage.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder onError(Consumer<SocketErrorEvent> listener) {
            onError.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder onClose(Consumer<SocketCloseEvent> listener) {
            onClose.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public ConnectSocketOption build() {
            return new ConnectSocketOption(this);
        }
    }
}
