package dev.tarosocket.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The endpoints a {@link TestServer} hosts, as programmatic endpoints whose instances are bound
 * to that server's {@link ServerRecorder} (so servers never share state).
 *
 * <p>Contract: {@link #configs} returns one {@link ServerEndpointConfig} per WebSocket path
 * documented on {@link TestServer} and {@link #rejectHandler()} serves {@code /reject}; every
 * handshake response carries {@code X-Test-Server: taro}.
 */
final class TestEndpoints {

    static final String SERVER_HEADER = "X-Test-Server";
    static final String SERVER_HEADER_VALUE = "taro";
    static final List<String> SUBPROTOCOLS = List.of("chat.v1", "chat.v2");
    private static final String HEADERS_KEY = "dev.tarosocket.testing.requestHeaders";

    private TestEndpoints() {
    }

    static List<ServerEndpointConfig> configs(ServerRecorder rec, int maxBytes) {
        return List.of(
                config("/echo", () -> new Echo(rec, maxBytes), new Bound()),
                config("/close", () -> new CloseOnOpen(rec, maxBytes), new Bound()),
                config("/record", () -> new Record(rec, maxBytes), new Bound()),
                ServerEndpointConfig.Builder.create(Headers.class, "/headers")
                        .configurator(new Bound().supplying(() -> new Headers(rec, maxBytes)))
                        .subprotocols(SUBPROTOCOLS)
                        .build(),
                config("/silent", () -> new Silent(rec, maxBytes), new Bound()));
    }

    private static ServerEndpointConfig config(String path, Supplier<Tracked> factory, Bound configurator) {
        Class<? extends Endpoint> type = factory.get().getClass();
        return ServerEndpointConfig.Builder.create(type, path)
                .configurator(configurator.supplying(factory))
                .build();
    }

    /** Hands out endpoint instances from a factory and stamps the response header. */
    static class Bound extends ServerEndpointConfig.Configurator {
        // set once by supplying(), before the config is registered; never changed afterwards
        private volatile Supplier<? extends Endpoint> factory;

        Bound supplying(Supplier<? extends Endpoint> endpoints) {
            this.factory = endpoints;
            return this;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(factory.get());
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            StringBuilder lines = new StringBuilder();
            for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
                lines.append(header.getKey()).append(": ")
                        .append(String.join(", ", header.getValue())).append('\n');
            }
            // Tyrus 2.2 hands modifyHandshake a per-connection copy of the user properties,
            // the same map the endpoint's onOpen then sees.
            sec.getUserProperties().put(HEADERS_KEY, lines.toString());
            response.getHeaders().put(SERVER_HEADER, List.of(SERVER_HEADER_VALUE));
        }
    }

    /**
     * A plain HTTP handler for {@code /reject}: it answers the upgrade request with the status from
     * {@code ?status=} (default 403) and no upgrade; optional {@code ?challenge=} and
     * {@code ?retryAfter=} add WWW-Authenticate and Retry-After headers. It is not a WebSocket
     * endpoint on purpose: Tyrus's engine opens a server session when modifyHandshake sets 401,
     * 503 or 3xx, so refusing there would leak sessions.
     */
    static HttpHandler rejectHandler() {
        return new HttpHandler("reject") {
            @Override
            public void service(Request request, Response response) {
                String asked = request.getParameter("status");
                int status = asked == null ? 403 : Integer.parseInt(asked);
                String challenge = request.getParameter("challenge");
                if (challenge != null) {
                    response.setHeader("WWW-Authenticate", challenge);
                }
                String retryAfter = request.getParameter("retryAfter");
                if (retryAfter != null) {
                    response.setHeader("Retry-After", retryAfter);
                }
                response.setHeader(SERVER_HEADER, SERVER_HEADER_VALUE);
                response.setHeader("Connection", "close");
                response.setStatus(status);
                response.setContentLength(0);
            }
        };
    }

    /** Records open/close/error for every endpoint and lifts the message size limits. */
    public abstract static class Tracked extends Endpoint {
        final ServerRecorder rec;
        private final int maxBytes;

        Tracked(ServerRecorder rec, int maxBytes) {
            this.rec = rec;
            this.maxBytes = maxBytes;
        }

        @Override
        public final void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(maxBytes);
            session.setMaxBinaryMessageBufferSize(maxBytes);
            session.setMaxIdleTimeout(0);
            rec.opened(session);
            opened(session, config);
        }

        abstract void opened(Session session, EndpointConfig config);

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            rec.closed(session, closeReason);
        }

        @Override
        public void onError(Session session, Throwable thr) {
            rec.error(thr);
        }

        static String param(Session session, String name, String fallback) {
            List<String> values = session.getRequestParameterMap().get(name);
            return values == null || values.isEmpty() ? fallback : values.get(0);
        }
    }

    /** Echoes whole text messages as text and whole binary messages as binary. */
    public static final class Echo extends Tracked {
        Echo(ServerRecorder rec, int maxBytes) {
            super(rec, maxBytes);
        }

        @Override
        void opened(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> send(session, text));
            session.addMessageHandler(ByteBuffer.class, bytes -> send(session, bytes));
        }

        private void send(Session session, Object message) {
            try {
                if (message instanceof String) {
                    session.getBasicRemote().sendText((String) message);
                } else {
                    session.getBasicRemote().sendBinary((ByteBuffer) message);
                }
            } catch (IOException | RuntimeException e) {
                rec.error(e);
            }
        }
    }

    /** Closes each session in onOpen with {@code ?code=} (4001) and {@code ?reason=} ("bye"). */
    public static final class CloseOnOpen extends Tracked {
        CloseOnOpen(ServerRecorder rec, int maxBytes) {
            super(rec, maxBytes);
        }

        @Override
        void opened(Session session, EndpointConfig config) {
            int code = Integer.parseInt(param(session, "code", "4001"));
            String reason = param(session, "reason", "bye");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                rec.error(e);
            }
        }
    }

    /** Records text messages and binary byte counts; never replies. */
    public static final class Record extends Tracked {
        Record(ServerRecorder rec, int maxBytes) {
            super(rec, maxBytes);
        }

        @Override
        void opened(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, rec::text);
            session.addMessageHandler(ByteBuffer.class, bytes -> rec.binary(bytes.remaining()));
        }
    }

    /** Sends the request headers as "Name: value" lines plus the negotiated subprotocol. */
    public static final class Headers extends Tracked {
        Headers(ServerRecorder rec, int maxBytes) {
            super(rec, maxBytes);
        }

        @Override
        void opened(Session session, EndpointConfig config) {
            Object headers = config.getUserProperties().get(HEADERS_KEY);
            String text = (headers == null ? "" : headers)
                    + "Negotiated-Subprotocol: " + session.getNegotiatedSubprotocol();
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException | RuntimeException e) {
                rec.error(e);
            }
        }
    }

    /** Accepts, swallows every message, never sends; only the container answers a close. */
    public static final class Silent extends Tracked {
        Silent(ServerRecorder rec, int maxBytes) {
            super(rec, maxBytes);
        }

        @Override
        void opened(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> { });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> { });
        }
    }
}
