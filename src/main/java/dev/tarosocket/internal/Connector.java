package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Starts the connection attempts of a manager's sockets: the first one for {@code connectSocket}, and
 * each reconnect, whose URL and header suppliers (a token refresh) run on the handshake executor,
 * never on the timer thread that every timeout shares.
 */
final class Connector {

    private final SocketEngine engine;
    private final NamedSockets named;
    private final ContainerHolder container;

    Connector(SocketEngine engine, NamedSockets named, ContainerHolder container) {
        this.engine = engine;
        this.named = named;
        this.container = container;
    }

    /** Schedules attempt {@code gen} of {@code socket}; it runs on the handshake executor (its suppliers may block). */
    void reconnectLater(ManagedSocket socket, int gen, Duration delay) {
        try {
            engine.scheduler().schedule(() -> reconnect(socket, gen), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            socket.connectionEnded(gen, End.abnormal(SocketErrorCode.CLOSED,
                    "onSocketError:fail the SocketManager shut down", null));
        }
    }

    /** Called on the timer when a reconnect is due: hands the attempt to the handshake executor. */
    void reconnect(ManagedSocket socket, int gen) {
        try {
            engine.handshakes().execute(() -> attempt(socket, gen));
        } catch (RejectedExecutionException e) {
            socket.connectionEnded(gen, End.abnormal(SocketErrorCode.CLOSED,
                    "onSocketError:fail the SocketManager shut down", null));
        }
    }

    /** A reconnect attempt: asks the URL and header suppliers again. */
    private void attempt(ManagedSocket socket, int gen) {
        if (socket.generation() != gen || socket.readyState() == dev.tarosocket.ReadyState.CLOSED) {
            return; // closed or superseded meanwhile
        }
        long callMillis = System.currentTimeMillis();
        NamedSockets.Resolved target;
        URI uri;
        WebSocketContainer wsc;
        try {
            target = named.resolve(socket.option());
            String[] why = new String[1];
            uri = target.url() == null ? null : Validation.parseSocketUrl(target.url(), why);
            if (uri == null) {
                socket.connectionEnded(gen, new End(End.ABNORMAL, "", false, SocketErrorCode.INVALID_URL,
                        "connectSocket:fail " + (why[0] != null ? why[0] : "no URL to reconnect to"), null,
                        SocketErrorCode.INVALID_URL, false));
                return;
            }
            SSLContext ssl = socket.policies.sslContext();
            wsc = ssl != null && VendorProperties.secure(uri) ? container.get(ssl) : container.get();
        } catch (RuntimeException e) {
            socket.connectionEnded(gen, new End(End.ABNORMAL, "", false, SocketErrorCode.INVALID_ARGUMENT,
                    "connectSocket:fail " + e.getMessage(), e, SocketErrorCode.INVALID_ARGUMENT, false));
            return;
        }
        socket.url(uri.toString());
        start(socket, gen, wsc, uri, target, callMillis);
    }

    /** Starts attempt {@code gen}'s handshake and its timeout. */
    void start(ManagedSocket socket, int gen, WebSocketContainer wsc, URI uri, NamedSockets.Resolved target,
               long callMillis) {
        HandshakeConfigurator configurator = new HandshakeConfigurator(target.headers(),
                !VendorProperties.checksAcceptItself(wsc));
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(configurator)
                .preferredSubprotocols(target.protocols())
                .sslContext(VendorProperties.standardSslContext(wsc, uri, socket.policies.sslContext()))
                .build();
        int maxMessageBytes = engine.settings().maxMessageBytes();
        VendorProperties.maxMessageBytes(config, maxMessageBytes);
        VendorProperties.tls(config, wsc, uri, socket.policies.sslContext());
        TaskEndpoint endpoint = new TaskEndpoint(socket, gen, configurator, maxMessageBytes, callMillis);
        long timeoutMillis = socket.option().timeout().orElse(engine.settings().connectTimeout()).toMillis();
        engine.metrics().connecting(socket);
        // no timer of the handshake's own: the one below aborts it (Closing releases the link)
        Handshake handshake = Handshake.start(wsc, endpoint, config, uri, timeoutMillis, engine.handshakes(), null,
                e -> socket.closing.ended(gen, End.abnormal(SocketErrorCode.HANDSHAKE_FAILED,
                        "connectSocket:fail " + HandshakeFailure.describe(e), e), true));
        Future<?> timer;
        try {
            timer = engine.scheduler().schedule(() -> socket.closing.ended(gen, End.abnormal(SocketErrorCode.TIMEOUT,
                    "connectSocket:fail handshake timed out after " + timeoutMillis + " ms", null), true),
                    timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            handshake.abort();
            socket.closing.ended(gen, End.abnormal(SocketErrorCode.CLOSED,
                    "connectSocket:fail the SocketManager shut down", null), true);
            return;
        }
        socket.connection.handshakeStarted(gen, handshake, timer);
    }
}
