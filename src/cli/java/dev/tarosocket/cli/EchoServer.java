package dev.tarosocket.cli;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CLI's embedded echo server: Tyrus on a Grizzly listener bound to 127.0.0.1 only (Tyrus's own
 * {@code Server} binds every interface whatever host it is given), on an ephemeral port, serving
 * {@code /echo}: each whole text or binary message is sent back as it came. A connection stays open
 * however long it is idle, until either side closes it.
 */
final class EchoServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024; // 64 MiB, above the client's default cap

    private final HttpServer http;
    private final LoopbackContainer container;
    private final int port;

    private EchoServer(HttpServer http, LoopbackContainer container, int port) {
        this.http = http;
        this.container = container;
        this.port = port;
    }

    /** Starts the server on an ephemeral port of 127.0.0.1. */
    static EchoServer start() throws IOException {
        return start(0);
    }

    /** Starts the server on {@code port} of 127.0.0.1 (0: an ephemeral port). */
    static EchoServer start(int port) throws IOException {
        LoopbackContainer container = new LoopbackContainer();
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("taro-socket-echo", HOST, port);
        // Grizzly's HTTP keep-alive closes a connection idle for 30 s, an upgraded one too: an
        // interactive session left alone for half a minute ended with 1006. WebSocket connections
        // end by their own close.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, "/"));
        http.addListener(listener);
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
            http.start();
            container.start("/", listener.getPort());
        } catch (DeploymentException | IOException | RuntimeException e) {
            http.shutdownNow();
            throw e instanceof IOException io ? io : new IOException("cannot start the echo server: " + e, e);
        }
        return new EchoServer(http, container, listener.getPort());
    }

    URI echoUri() {
        return URI.create("ws://" + HOST + ":" + port + "/echo");
    }

    @Override
    public void close() {
        try {
            container.stop();
        } finally {
            http.shutdownNow();
        }
    }

    /** Echoes whole messages; one instance per session (the default configurator). */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
            session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> echo(session, text));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> echo(session, data));
        }

        private static void echo(Session session, Object message) {
            try {
                // messages of one session arrive one at a time, so a blocking send keeps their order
                if (message instanceof String text) {
                    session.getBasicRemote().sendText(text);
                } else {
                    session.getBasicRemote().sendBinary((ByteBuffer) message);
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away; nothing to echo to
            }
        }
    }

    /** A Tyrus server container that the Grizzly add-on serves; Grizzly owns the socket. */
    private static final class LoopbackContainer extends TyrusServerContainer {
        private final TyrusWebSocketEngine engine;
        private final Map<String, Object> properties = new ConcurrentHashMap<>();

        LoopbackContainer() {
            super((java.util.Set<Class<?>>) null);
            engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(MAX_MESSAGE_BYTES + 1024).build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "/");
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, "/");
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public Map<String, Object> getProperties() {
            return properties;
        }
    }
}
