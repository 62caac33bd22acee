package dev.tarosocket.internal;

import jakarta.websocket.ClientEndpointConfig;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * Hands what JSR-356 has no standard setting for to the container, through the documented client
 * user properties of the implementations we support, by name, without referencing their classes.
 *
 * <p>Incoming message size: Tyrus's client refuses frames above its incoming buffer (4 MB by
 * default) whatever the session's maximum message size says; per connection it reads
 * {@code weblogic.websocket.tyrus.incoming-buffer-size} from the endpoint config's user properties,
 * which is raised to the manager's {@code max-message-bytes}.
 *
 * <p>A per-socket {@link SSLContext}: Undertow reads an {@code SSLContext} under
 * {@code io.undertow.websocket.SSL_CONTEXT} in the config's user properties, and verifies only the
 * certificate chain with it, so it always gets one that verifies the host name too ({@link #tls}). Tyrus reads an
 * {@code SslEngineConfigurator} under {@code org.glassfish.tyrus.client.sslEngineConfigurator} only
 * from its container's properties, so {@link ContainerHolder} gives such sockets a container of their
 * own with that property set (host name verification stays on, Tyrus's default).
 *
 * <p>The URL on the wire: Tyrus writes a URI's decoded path ({@code getPath()}) into the request
 * line, and its query decoded when the decoded query still holds a {@code %XX}, else raw; Undertow
 * writes both decoded. So they are given {@link #wireUri} (each {@code %} of path and query escaped
 * once more) and send the user's raw form; Jetty gets the URI as the user wrote it. Handshake timeouts: see
 * {@link Handshake}.
 */
final class VendorProperties {

    static final String UNDERTOW_SSL_CONTEXT = "io.undertow.websocket.SSL_CONTEXT";
    static final String TYRUS_SSL_ENGINE_CONFIGURATOR = "org.glassfish.tyrus.client.sslEngineConfigurator";
    private static final String TYRUS_CONFIGURATOR_CLASS = "org.glassfish.tyrus.client.SslEngineConfigurator";

    static final String TYRUS_SHARED_CONTAINER = "org.glassfish.tyrus.client.sharedContainer";
    static final String TYRUS_SHARED_CONTAINER_IDLE_TIMEOUT = "org.glassfish.tyrus.client.sharedContainerIdleTimeout";
    /** Seconds the shared transport's threads outlive the last connection. */
    static final int SHARED_IDLE_TIMEOUT_SECONDS = 10;
    /** Tyrus's {@code ClientProperties.HANDSHAKE_TIMEOUT}: milliseconds, read from the container's properties. */
    static final String TYRUS_HANDSHAKE_TIMEOUT = "org.glassfish.tyrus.client.ClientManager.ContainerTimeout";
    /** Undertow's {@code ServerWebSocketContainer.TIMEOUT}: whole seconds, read from the endpoint config. */
    static final String UNDERTOW_CONNECT_TIMEOUT = "io.undertow.websocket.CONNECT_TIMEOUT";
    static final String TYRUS_INCOMING_BUFFER_SIZE = "weblogic.websocket.tyrus.incoming-buffer-size";
    /** Room for frame headers on top of the largest accepted payload. */
    private static final int FRAME_OVERHEAD_BYTES = 64;

    private VendorProperties() {
    }

    /**
     * On Java SE, makes a Tyrus container we looked up share one Grizzly transport among its
     * connections, instead of a selector and two workers per connection (about 15,000 threads at
     * 5,000 sockets otherwise). Not done in a server, whose container is not ours to tune.
     */
    static void shareTransport(Map<String, Object> properties, Object container) {
        if (properties != null && container.getClass().getName().startsWith("org.glassfish.tyrus.")) {
            properties.putIfAbsent(TYRUS_SHARED_CONTAINER, Boolean.TRUE);
            properties.putIfAbsent(TYRUS_SHARED_CONTAINER_IDLE_TIMEOUT, SHARED_IDLE_TIMEOUT_SECONDS);
        }
    }

    /**
     * Whether the implementation masks a client frame in the buffer it is given. Undertow and
     * Liberty ({@code com.ibm.ws.wsoc}) do: a read-only view makes the write fail (Undertow:
     * ClosedChannelException; Liberty: ReadOnlyBufferException from its {@code Utils.maskPayload}),
     * and a writable one would let them scramble the caller's array, so binary frames are copied
     * for them. Tyrus masks into a frame of its own.
     */
    static boolean masksClientFramesInPlace(Object remote) {
        return remote.getClass().getName().startsWith("io.undertow.") || isLiberty(remote);
    }

    /**
     * Whether a container thread that waits in {@code onMessage} stops that connection's reading, so
     * that waiting is back-pressure. Undertow hands each message to a worker and keeps reading (its
     * own queue then grows), so there the inbox bound is enforced by closing with 1008 instead.
     */
    static boolean pushesBackWhenOnMessageWaits(Object session) {
        return !session.getClass().getName().startsWith("io.undertow.");
    }

    /**
     * Whether the container ends a connection whose frame announces more than the session's maximum
     * message size. Undertow does not: it buffers such a frame silently, so the library assembles
     * Undertow's partial deliveries itself and enforces the limit as they arrive.
     */
    static boolean enforcesMessageSize(Object session) {
        return !session.getClass().getName().startsWith("io.undertow.");
    }

    /** Session classes seen to report a refused concurrent send late, through its handler. */
    private static final Set<String> REFUSE_LATE = ConcurrentHashMap.newKeySet();

    /**
     * Whether a second send may start on {@code session} before the first is reported: the
     * implementation queues it (Tyrus, Undertow, Jetty) or refuses it by throwing at once (Tomcat),
     * which the writer turns into "one at a time" without reordering anything. Open Liberty's client
     * refuses it late instead: it reports "write not allowed" through the send's handler, on another
     * thread, by which time later messages may have been written; so its sockets send one at a time
     * from the start, as do sockets of any implementation already seen to do the same.
     */
    static boolean queuesConcurrentSends(Object session) {
        return !isLiberty(session) && !REFUSE_LATE.contains(session.getClass().getName());
    }

    /** Open Liberty's refusal of a write started while another is in progress, told to the send's handler. */
    static boolean isLateConcurrencyRefusal(Throwable e) {
        return e instanceof java.io.IOException && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).startsWith("write not allowed");
    }

    private static boolean isLiberty(Object o) {
        String name = o.getClass().getName();
        return name.startsWith("com.ibm.ws.wsoc.") || name.startsWith("io.openliberty.");
    }

    /** Remembers that {@code session}'s implementation reports refused concurrent sends late. */
    static void refusesConcurrentSendsLate(Object session) {
        REFUSE_LATE.add(session.getClass().getName());
    }

    /**
     * Whether the implementation allocates, for each connection, a buffer as large as the session's
     * maximum message size to assemble whole messages in. Tomcat's client does (a {@code ByteBuffer}
     * for binary and a {@code CharBuffer}, two bytes a character, for text, as soon as the first
     * message of each kind arrives): 16 MiB of {@code max-message-bytes} would cost 48 MiB per
     * socket. There the library leaves Tomcat's small default buffers alone and assembles the partial
     * deliveries itself, enforcing the limit as they arrive.
     */
    static boolean preallocatesMessageBuffers(Object session) {
        return session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
    }

    /**
     * Whether the container checks the server's {@code Sec-WebSocket-Accept} itself: Tyrus, Jetty and
     * Undertow do (a SHA-1 per handshake); the library checks it for every other container.
     */
    static boolean checksAcceptItself(Object container) {
        String name = container.getClass().getName();
        return name.startsWith("org.glassfish.tyrus.") || name.startsWith("org.eclipse.jetty.")
                || name.startsWith("io.undertow.");
    }

    static void maxMessageBytes(ClientEndpointConfig config, int maxMessageBytes) {
        config.getUserProperties().put(TYRUS_INCOMING_BUFFER_SIZE, maxMessageBytes + FRAME_OVERHEAD_BYTES);
    }

    /**
     * TLS settings of one {@code wss} connection: Undertow gets the socket's context, or the JDK's
     * default one, always wrapped to verify the host name ({@link VerifyingSslContext}), since it
     * checks only the certificate chain of a context it is given, and of its own default too. Tyrus
     * (whose per-socket context travels as a container property, see {@link ContainerHolder}) and
     * Jetty verify the host name themselves.
     *
     * @param context the socket's own context, or null for the default trust
     */
    static void tls(ClientEndpointConfig config, Object container, URI uri, SSLContext context) {
        if (!secure(uri)) {
            return;
        }
        if (container.getClass().getName().startsWith("io.undertow.")) {
            config.getUserProperties().put(UNDERTOW_SSL_CONTEXT,
                    context != null ? VerifyingSslContext.of(context) : VerifyingSslContext.ofDefault());
        } else if (context != null) {
            config.getUserProperties().put(UNDERTOW_SSL_CONTEXT, VerifyingSslContext.of(context));
        }
    }

    static boolean secure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * The socket's own context for the standard {@code ClientEndpointConfig.Builder.sslContext}
     * (Jakarta WebSocket 2.1), which Tomcat and Tyrus 2 read, each verifying the host name (Liberty
     * reads it too, without verifying: it gets the context wrapped to verify); null for
     * {@code ws} and for no context of the socket's. Tyrus prefers its container property (see
     * {@link ContainerHolder#get(SSLContext)}); this carries the context where no Tyrus container of
     * its own could be made for it.
     */
    static SSLContext standardSslContext(Object container, URI uri, SSLContext context) {
        if (context == null || !secure(uri)) {
            return null;
        }
        if (container.getClass().getName().startsWith("io.undertow.")) {
            return VerifyingSslContext.of(context);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return isLiberty(container) ? VerifyingSslContext.verifyingFor(context, host) : context;
    }

    /**
     * Whether the container takes TLS settings per container only, so that neither a per-socket
     * context nor the standard {@code ClientEndpointConfig} one reaches it: Jetty's client, whose
     * {@code HttpClient} owns one {@code SslContextFactory}.
     */
    static boolean tlsPerContainerOnly(Object container) {
        return container.getClass().getName().startsWith("org.eclipse.jetty.");
    }

    /** The container's public {@code getProperties()} map (Tyrus's {@code ClientManager}), or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> containerProperties(Object container) {
        try {
            Object p = container.getClass().getMethod("getProperties").invoke(container);
            return p instanceof Map ? (Map<String, Object>) p : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The form of {@code uri} to hand {@code container} so that it sends the raw path and query the
     * user gave: for Tyrus and Undertow, which write them decoded, each {@code %} escaped as
     * {@code %25}, which their one decoding takes off again; for others {@code uri} itself.
     */
    static URI wireUri(Object container, URI uri) {
        String name = container.getClass().getName();
        return name.startsWith("org.glassfish.tyrus.") || name.startsWith("io.undertow.") ? escapedOnceMore(uri) : uri;
    }

    private static URI escapedOnceMore(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        boolean escapes = (path != null && path.indexOf('%') >= 0) || (query != null && query.indexOf('%') >= 0);
        if (!escapes) {
            return uri;
        }
        StringBuilder b = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority());
        b.append(path == null ? "" : path.replace("%", "%25"));
        if (query != null) {
            b.append('?').append(query.replace("%", "%25"));
        }
        return URI.create(b.toString());
    }

    /** Tyrus's container property for {@code context}, or null without Tyrus. */
    static Object tyrusConfigurator(SSLContext context, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(TYRUS_CONFIGURATOR_CLASS, false,
                    loader != null ? loader : VendorProperties.class.getClassLoader());
            return type.getConstructor(SSLContext.class).newInstance(context);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: Tyrus is not on the class path; no Tyrus TLS property set");
            return null;
        }
    }
}
