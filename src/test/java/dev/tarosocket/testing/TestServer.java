package dev.tarosocket.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Tyrus WebSocket server on Grizzly, bound to 127.0.0.1 on an ephemeral (or given) port.
 *
 * <p>Endpoints (each with its own state per server, so tests may run in parallel):
 * <ul>
 *   <li>{@code /echo} echoes whole text messages as text and binary as binary;</li>
 *   <li>{@code /close?code=4001&reason=bye} closes each session in onOpen with that code and
 *       reason (those are the defaults);</li>
 *   <li>{@code /record} records text messages ({@link #received()}) and binary byte counts
 *       ({@link #receivedBinarySizes()}), replies nothing;</li>
 *   <li>{@code /reject?status=403} refuses the upgrade with that plain HTTP status (default 403;
 *       any status, e.g. 401, 404, 503; {@code &challenge=} adds WWW-Authenticate and
 *       {@code &retryAfter=} adds Retry-After); any path not listed here answers 404;</li>
 *   <li>{@code /headers} sends one text message: the request headers as "Name: value" lines, then
 *       "Negotiated-Subprotocol: x" (x is "" if none); supports subprotocols chat.v1, chat.v2;</li>
 *   <li>{@code /silent} accepts and never sends or answers anything (the container still answers
 *       the close handshake).</li>
 * </ul>
 * Every handshake response carries {@code X-Test-Server: taro}. Messages up to
 * {@link #MAX_MESSAGE_BYTES} are accepted. {@link #close()} drops every connection at the TCP level
 * (clients see no close frame, i.e. 1006); {@link #restart()} then rebinds the same port.
 *
 * <p>A test that restarts a server on the same port starts it with {@link #startRestartable()}, never
 * {@link #start()}: once a listener on an ephemeral port closes, the kernel may give that port to any
 * outgoing connection on the machine (the test's own reconnects included) before the test binds it
 * again, and the bind then fails. A restartable server listens like a real service, on a port below
 * the ephemeral range, which the kernel never hands out to outgoing connections.
 * {@code await...} methods throw {@link AssertionError} on timeout.
 */
public final class TestServer implements AutoCloseable {

    /** Largest text or binary message the endpoints accept (32 MiB). */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final LoopbackTyrusContainer container;
    private final ServerRecorder recorder = new ServerRecorder();
    private final int port;
    // whether this server speaks wss
    private final boolean tls;
    // false until close() first runs; then true forever
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestServer(int requestedPort, SSLContext tls) throws IOException, DeploymentException {
        String name = "test-server-" + SERIAL.incrementAndGet();
        this.tls = tls != null;
        // the incoming buffer must hold a whole frame; allow a little header overhead
        container = new LoopbackTyrusContainer(name, MAX_MESSAGE_BYTES + 1024, tls);
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        for (ServerEndpointConfig config : TestEndpoints.configs(recorder, MAX_MESSAGE_BYTES)) {
            container.addEndpoint(config);
        }
        container.addHttpHandler("/reject", TestEndpoints.rejectHandler());
        try {
            container.start("/", requestedPort);
        } catch (IOException | DeploymentException | RuntimeException e) {
            container.stop();
            throw e;
        }
        port = container.boundPort();
    }

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static TestServer start() {
        return start(0);
    }

    /**
     * Starts a server that {@link #restart()} (or {@code start(port)}) can rebind: on a free port of
     * 127.0.0.1 below the system's ephemeral range (see the class comment).
     */
    public static TestServer startRestartable() {
        return ServicePorts.bindFree(TestServer::start);
    }

    /** Starts a wss server on an ephemeral port of 127.0.0.1 with the given server TLS context. */
    public static TestServer startTls(SSLContext serverContext) {
        try {
            return new TestServer(0, serverContext);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start TLS test server on 127.0.0.1", e);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy test endpoints", e);
        }
    }

    /** Starts a server on the given port of 127.0.0.1 (0 = ephemeral). */
    public static TestServer start(int port) {
        try {
            return new TestServer(port, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start test server on 127.0.0.1:" + port, e);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot deploy test endpoints", e);
        }
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** {@code ws://127.0.0.1:port/path}; {@code path} may carry a query and may omit the slash. */
    public URI uri(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port + p);
    }

    /** Stops the server (same as {@link #close()}). */
    public void stop() {
        close();
    }

    /**
     * Stops this server if still running and starts a new one on the same port. The new server
     * has fresh state. Only for a server from {@link #startRestartable()}: an ephemeral port may be
     * taken by an outgoing connection meanwhile.
     */
    public TestServer restart() {
        close();
        return start(port);
    }

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Stops listening and drops every open connection without a close frame; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
        }
    }

    /** Text messages received on {@code /record}, in arrival order (snapshot). */
    public List<String> received() {
        return recorder.texts();
    }

    /** Waits until {@code /record} has received at least {@code count} text messages. */
    public List<String> awaitReceived(int count, Duration timeout) {
        recorder.await(() -> recorder.textCount() >= count, timeout, count + " text messages on /record");
        return recorder.texts();
    }

    /** Byte counts of binary messages received on {@code /record}, in arrival order. */
    public List<Integer> receivedBinarySizes() {
        return recorder.binarySizes();
    }

    /** Waits until {@code /record} has received at least {@code count} binary messages. */
    public List<Integer> awaitReceivedBinary(int count, Duration timeout) {
        recorder.await(() -> recorder.binaryCount() >= count, timeout, count + " binary messages on /record");
        return recorder.binarySizes();
    }

    /** Number of server-side sessions currently open, over all endpoints. */
    public int openSessions() {
        return recorder.openCount();
    }

    /** Waits until exactly {@code count} server-side sessions are open. */
    public void awaitOpenSessions(int count, Duration timeout) {
        recorder.await(() -> recorder.openCount() == count, timeout, count + " open sessions");
    }

    /**
     * Waits until at least one server-side session has closed and returns the close reason the
     * server saw for the most recently closed one.
     */
    public CloseReason awaitClose(Duration timeout) {
        recorder.await(() -> recorder.closeCount() >= 1, timeout, "a server-side close");
        List<CloseReason> all = recorder.closes();
        return all.get(all.size() - 1);
    }

    /** Waits until {@code count} server-side sessions have closed; returns all reasons in order. */
    public List<CloseReason> awaitCloses(int count, Duration timeout) {
        recorder.await(() -> recorder.closeCount() >= count, timeout, count + " server-side closes");
        return recorder.closes();
    }

    /** Every close reason the server side saw so far, in order. */
    public List<CloseReason> closeReasons() {
        return recorder.closes();
    }

    /** Every throwable passed to a server endpoint's onError (or caught sending), in order. */
    public List<Throwable> errors() {
        return recorder.errors();
    }

    /** Sends {@code text} to every open session (of any endpoint); returns how many got it. */
    public int sendToAll(String text) {
        int sent = 0;
        for (Session session : recorder.openSessions()) {
            try {
                session.getBasicRemote().sendText(text);
                sent++;
            } catch (IOException | RuntimeException e) {
                recorder.error(e);
            }
        }
        return sent;
    }

    /** Starts a close handshake with {@code code}/{@code reason} on every open session. */
    public void closeSessions(int code, String reason) {
        for (Session session : recorder.openSessions()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                recorder.error(e);
            }
        }
    }

    @Override
    public String toString() {
        return "TestServer[127.0.0.1:" + port + (closed.get() ? ", closed]" : "]");
    }
}
