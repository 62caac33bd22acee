package dev.tarosocket.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves each {@link FaultProxy} mode, with a {@link TestServer} behind it and Tyrus's client. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FaultProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    // created once per class in setUpClient(), shut down in tearDownClient()
    private static WebSocketContainer client;
    // fresh per test, closed after it
    private TestServer server;
    // fresh per test, in front of server, closed after it
    private FaultProxy proxy;

    @BeforeAll
    static void setUpClient() {
        client = ContainerProvider.getWebSocketContainer();
        ((ClientManager) client).getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 1_000);
    }

    @AfterAll
    static void tearDownClient() {
        ((ClientManager) client).shutdown();
    }

    @BeforeEach
    void start() {
        server = TestServer.start();
        proxy = FaultProxy.start(server.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private Session connect(RecordingEndpoint endpoint, String path) throws Exception {
        return client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), proxy.uri(path));
    }

    @Test
    void passesTrafficThroughByDefault() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/echo");
        session.getBasicRemote().sendText("through");

        assertThat(endpoint.nextText(WAIT)).isEqualTo("through");
        assertThat(proxy.connectionCount()).isEqualTo(1);
        assertThat(proxy.forwardedCount()).isEqualTo(1);
        session.close();
        proxy.awaitConnections(0, WAIT);
    }

    @Test
    void cutAllEndsTheConnectionWithoutACloseFrame() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/silent");
        server.awaitOpenSessions(1, WAIT);

        proxy.cutAll();

        CloseReason reason = endpoint.awaitClose(WAIT);
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
        assertThat(reason.getReasonPhrase()).isEqualTo("Closed abnormally.");
        assertThat(endpoint.errors()).isEmpty();
        assertThat(proxy.connectionCount()).isZero();
        assertThat(server.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1006);
    }

    @Test
    void resetAllEndsTheConnectionWithoutACloseFrame() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/silent");
        server.awaitOpenSessions(1, WAIT);

        proxy.resetAll();

        CloseReason reason = endpoint.awaitClose(WAIT);
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
        assertThat(reason.getReasonPhrase()).isEqualTo("Closed abnormally.");
        assertThat(endpoint.errors()).isEmpty();
        server.awaitOpenSessions(0, WAIT);
    }

    @Test
    void stallHoldsBytesButKeepsTheConnectionOpen() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/echo");
        proxy.stall(true);

        session.getBasicRemote().sendText("held");

        assertThatThrownBy(() -> endpoint.nextText(Duration.ofMillis(300))).isInstanceOf(AssertionError.class);
        assertThat(session.isOpen()).isTrue();
        assertThat(endpoint.isClosed()).isFalse();
        proxy.stall(false);
        assertThat(endpoint.nextText(WAIT)).isEqualTo("held");
        session.close();
    }

    @Test
    void throttleSlowsTransfer() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/echo");
        byte[] payload = new byte[32 * 1024];
        Arrays.fill(payload, (byte) 7);
        proxy.throttle(100_000);

        long started = System.nanoTime();
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(payload));
        ByteBuffer echoed = endpoint.nextBinary(WAIT);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(echoed).isEqualTo(ByteBuffer.wrap(payload));
        // 32 KiB up and 32 KiB down at 100 kB/s each take about 0.65 s
        assertThat(millis).isBetween(400L, 4_000L);
        session.close();
    }

    @Test
    void dropAfterCutsMidMessage() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/record");
        session.getBasicRemote().sendText("before");
        server.awaitReceived(1, WAIT);
        proxy.dropAfter(100);

        try {
            session.getBasicRemote().sendText("x".repeat(1_000));
        } catch (RuntimeException raced) {
            // Tyrus: a blocking send racing the cut may throw RejectedExecutionException (its
            // idle-timeout executor is shut down once the container's last connection ends)
        }

        assertThat(endpoint.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1006);
        server.awaitOpenSessions(0, WAIT);
        assertThat(server.received()).containsExactly("before");
    }

    @Test
    void refuseNewClosesNewConnectionsOnly() throws Exception {
        RecordingEndpoint kept = new RecordingEndpoint();
        Session session = connect(kept, "/echo");
        proxy.refuseNew(true);

        // Tyrus does not notice the EOF: it waits out its handshake timeout (1 s here, 30 s by
        // default) and throws DeploymentException("Handshake response not received.")
        assertThatThrownBy(() -> connect(new RecordingEndpoint(), "/echo"))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("Handshake response not received.");
        assertThat(proxy.refusedCount()).isEqualTo(1);
        session.getBasicRemote().sendText("still here");
        assertThat(kept.nextText(WAIT)).isEqualTo("still here");

        proxy.refuseNew(false);
        Session again = connect(new RecordingEndpoint(), "/echo");
        assertThat(proxy.forwardedCount()).isEqualTo(2);
        again.close();
        session.close();
    }

    @Test
    void closeEndsEveryProxyThread() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/silent");
        proxy.awaitConnections(1, WAIT);
        String prefix = "fault-proxy-" + proxy.port() + "-";

        proxy.close();

        CloseReason reason = endpoint.awaitClose(WAIT);
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
