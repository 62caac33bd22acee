package dev.tarosocket.config;

/**
 * Every configuration key taro-socket reads, in property form. In environment variables the
 * MicroProfile mapping applies: non-alphanumerics become {@code _}, upper case
 * ({@code TARO_SOCKET_CHAT_URL}).
 *
 * <p>Manager-wide keys, with their defaults, are documented on {@link SocketSettings}. Named-socket
 * keys are {@code taro.socket.<name>.<suffix>}; {@link #named(String, String)} builds one. Values
 * the application sets on the {@code ConnectSocketOption} win over configuration.
 */
public final class ConfigKeys {

    /** Prefix of every key. */
    public static final String PREFIX = "taro.socket.";

    public static final String MAX_SOCKETS = SocketSettings.MAX_SOCKETS;
    public static final String CONNECT_TIMEOUT = SocketSettings.CONNECT_TIMEOUT;
    public static final String MAX_BUFFERED_BYTES = SocketSettings.MAX_BUFFERED_BYTES;
    public static final String CLOSE_TIMEOUT = SocketSettings.CLOSE_TIMEOUT;
    public static final String MAX_MESSAGE_BYTES = SocketSettings.MAX_MESSAGE_BYTES;
    public static final String SEND_TIMEOUT = SocketSettings.SEND_TIMEOUT;
    public static final String SEND_WINDOW = SocketSettings.SEND_WINDOW;
    public static final String MAX_INBOUND_BYTES = SocketSettings.MAX_INBOUND_BYTES;

    /** {@code taro.socket.<name>.url}: the {@code ws://} or {@code wss://} URL of a named socket. */
    public static final String URL = "url";
    /** {@code taro.socket.<name>.protocols}: subprotocols to offer, comma-separated, in order of preference. */
    public static final String PROTOCOLS = "protocols";
    /** {@code taro.socket.<name>.header.<Header-Name>}: a handshake request header (never logged above DEBUG). */
    public static final String HEADER = "header.";

    /**
     * {@code taro.socket.<name>.connect-on-start}: {@code true} to connect the socket of that name when
     * the CDI application starts, if the application injects or observes it ({@code false}: on first
     * injection).
     */
    public static final String CONNECT_ON_START = "connect-on-start";

    /** {@code taro.socket.<name>.reconnect}: {@code true} to reconnect with the default policy. */
    public static final String RECONNECT = "reconnect";
    /** {@code taro.socket.<name>.reconnect.max-attempts}: failed attempts in a row before giving up (10). */
    public static final String RECONNECT_MAX_ATTEMPTS = "reconnect.max-attempts";
    /** {@code taro.socket.<name>.reconnect.min-delay}: first backoff delay (1s). */
    public static final String RECONNECT_MIN_DELAY = "reconnect.min-delay";
    /** {@code taro.socket.<name>.reconnect.max-delay}: largest backoff delay (30s). */
    public static final String RECONNECT_MAX_DELAY = "reconnect.max-delay";
    /** {@code taro.socket.<name>.ping-interval}: a protocol ping every interval (no heartbeat when unset). */
    public static final String PING_INTERVAL = "ping-interval";
    /** {@code taro.socket.<name>.ping-timeout}: how long to wait for the pong (the interval when unset). */
    public static final String PING_TIMEOUT = "ping-timeout";
    /** {@code taro.socket.<name>.truststore}: path of a trust store for {@code wss} (a private CA). */
    public static final String TRUSTSTORE = "truststore";
    /** {@code taro.socket.<name>.truststore-password}: its password (never logged). */
    public static final String TRUSTSTORE_PASSWORD = "truststore-password";
    /** {@code taro.socket.<name>.truststore-type}: {@code PKCS12} (default) or {@code JKS}. */
    public static final String TRUSTSTORE_TYPE = "truststore-type";

    private ConfigKeys() {
    }

    /** {@code taro.socket.<name>.<suffix>}, e.g. {@code named("chat", URL)} is {@code taro.socket.chat.url}. */
    public static String named(String name, String suffix) {
        return PREFIX + name + "." + suffix;
    }
}
