package dev.tarosocket.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Manager-wide settings, with Taro's and WeChat's defaults. Immutable.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th></tr>
 * <tr><td>{@code taro.socket.max-sockets}</td><td>5 (Taro, WeChat)</td></tr>
 * <tr><td>{@code taro.socket.connect-timeout}</td><td>60s (WeChat)</td></tr>
 * <tr><td>{@code taro.socket.max-buffered-bytes}</td><td>16777216 (16 MiB, as OkHttp)</td></tr>
 * <tr><td>{@code taro.socket.close-timeout}</td><td>30s</td></tr>
 * <tr><td>{@code taro.socket.max-message-bytes}</td><td>16777216, for incoming text and binary</td></tr>
 * <tr><td>{@code taro.socket.send-timeout}</td><td>60s</td></tr>
 * <tr><td>{@code taro.socket.send-window}</td><td>16 messages in flight per socket</td></tr>
 * <tr><td>{@code taro.socket.max-inbound-bytes}</td><td>16777216: incoming bytes per socket waiting for its listeners</td></tr>
 * </table>
 * Durations are ISO-8601 ({@code PT10S}) or a number with a unit: {@code 500ms}, {@code 10s}, {@code 2m}.
 */
public final class SocketSettings {

    public static final int DEFAULT_MAX_SOCKETS = 5;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L * 1024 * 1024; // 16 MiB
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024; // 16 MiB
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_SEND_WINDOW = 16;
    public static final long DEFAULT_MAX_INBOUND_BYTES = 16L * 1024 * 1024; // 16 MiB

    public static final String MAX_SOCKETS = "taro.socket.max-sockets";
    public static final String CONNECT_TIMEOUT = "taro.socket.connect-timeout";
    public static final String MAX_BUFFERED_BYTES = "taro.socket.max-buffered-bytes";
    public static final String CLOSE_TIMEOUT = "taro.socket.close-timeout";
    public static final String MAX_MESSAGE_BYTES = "taro.socket.max-message-bytes";
    public static final String SEND_TIMEOUT = "taro.socket.send-timeout";
    public static final String SEND_WINDOW = "taro.socket.send-window";
    public static final String MAX_INBOUND_BYTES = "taro.socket.max-inbound-bytes";

    private final int maxSockets;
    private final Duration connectTimeout;
    private final long maxBufferedBytes;
    private final Duration closeTimeout;
    private final int maxMessageBytes;
    private final Duration sendTimeout;
    private final int sendWindow;
    private final long maxInboundBytes;

    private SocketSettings(Builder b) {
        this.maxSockets = b.maxSockets;
        this.connectTimeout = b.connectTimeout;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.closeTimeout = b.closeTimeout;
        this.maxMessageBytes = b.maxMessageBytes;
        this.sendTimeout = b.sendTimeout;
        this.sendWindow = b.sendWindow;
        this.maxInboundBytes = b.maxInboundBytes;
    }

    public static SocketSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings read from {@code source}, defaults for keys it lacks.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is malformed or out of range
     */
    public static SocketSettings from(ConfigSource source) {
        Builder b = builder();
        source.get(MAX_SOCKETS, Integer::parseInt).ifPresent(v -> b.maxSockets(v));
        source.get(CONNECT_TIMEOUT, SocketSettings::parseDuration).ifPresent(b::connectTimeout);
        source.get(MAX_BUFFERED_BYTES, Long::parseLong).ifPresent(v -> b.maxBufferedBytes(v));
        source.get(CLOSE_TIMEOUT, SocketSettings::parseDuration).ifPresent(b::closeTimeout);
        source.get(MAX_MESSAGE_BYTES, Integer::parseInt).ifPresent(v -> b.maxMessageBytes(v));
        source.get(SEND_TIMEOUT, SocketSettings::parseDuration).ifPresent(b::sendTimeout);
        source.get(SEND_WINDOW, Integer::parseInt).ifPresent(v -> b.sendWindow(v));
        source.get(MAX_INBOUND_BYTES, Long::parseLong).ifPresent(v -> b.maxInboundBytes(v));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("taro-socket configuration: " + e.getMessage(), e);
        }
    }

    /** ISO-8601 ({@code PT10S}) or a number with a unit: {@code ms}, {@code s}, {@code m}, {@code h}. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 2m or PT10S");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(n);
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            default: return Duration.ofHours(n);
        }
    }

    public int maxSockets() {
        return maxSockets;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * How many whole messages of one socket may be handed to the container before the first is
     * reported written (they go out in order; the container queues them). 1 sends strictly one at a
     * time; a container that throws {@code IllegalStateException} for concurrent sends gets 1 anyway.
     */
    public int sendWindow() {
        return sendWindow;
    }

    /**
     * How many bytes of incoming messages one socket may hold while its listeners catch up. Past
     * it, the container's delivering thread waits, so TCP flow control slows the peer (on a
     * container that keeps reading regardless, the connection is closed with 1008 instead).
     */
    public long maxInboundBytes() {
        return maxInboundBytes;
    }

    /** How long the container may take to write one frame before the send fails and the connection ends. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    @Override
    public String toString() {
        return "SocketSettings[maxSockets=" + maxSockets + ", connectTimeout=" + connectTimeout
                + ", maxBufferedBytes=" + maxBufferedBytes + ", closeTimeout=" + closeTimeout
                + ", maxMessageBytes=" + maxMessageBytes + ", sendTimeout=" + sendTimeout
                + ", sendWindow=" + sendWindow + ", maxInboundBytes=" + maxInboundBytes + "]";
    }

    public static final class Builder {
        private int maxSockets = DEFAULT_MAX_SOCKETS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private int sendWindow = DEFAULT_SEND_WINDOW;
        private long maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;

        private Builder() {
        }

        public Builder maxInboundBytes(long bytes) {
            this.maxInboundBytes = bytes;
            return this;
        }

        public Builder sendWindow(int messages) {
            this.sendWindow = messages;
            return this;
        }

        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = Objects.requireNonNull(timeout, "sendTimeout");
            return this;
        }

        public Builder maxSockets(int maxSockets) {
            this.maxSockets = maxSockets;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        public Builder maxBufferedBytes(long bytes) {
            this.maxBufferedBytes = bytes;
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /** @throws IllegalArgumentException for a value out of range, naming its key */
        public SocketSettings build() {
            check(maxSockets >= 1, MAX_SOCKETS, maxSockets, "at least 1");
            check(isPositive(connectTimeout), CONNECT_TIMEOUT, connectTimeout, "positive");
            check(maxBufferedBytes >= 1, MAX_BUFFERED_BYTES, maxBufferedBytes, "at least 1");
            check(isPositive(closeTimeout), CLOSE_TIMEOUT, closeTimeout, "positive");
            check(maxMessageBytes >= 1, MAX_MESSAGE_BYTES, maxMessageBytes, "at least 1");
            check(isPositive(sendTimeout), SEND_TIMEOUT, sendTimeout, "positive");
            check(sendWindow >= 1, SEND_WINDOW, sendWindow, "at least 1");
            check(maxInboundBytes >= 1, MAX_INBOUND_BYTES, maxInboundBytes, "at least 1");
            return new SocketSettings(this);
        }

        private static boolean isPositive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }

        private static void check(boolean ok, String key, Object value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException(key + "=" + value + " must be " + rule);
            }
        }
    }
}
