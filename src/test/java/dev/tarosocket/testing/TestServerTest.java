package dev.tarosocket.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves each {@link TestServer} endpoint does what its javadoc says, with Tyrus's client. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TestServerTest {

    /** How long a wait may take before the test calls it a hang (for large transfers on a busy machine). */
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(5);
    // created once per class in setUpClient(), shut down in tearDownClient()
    private static WebSocketContainer client;
    // a fresh server per test, closed after it
    private TestServer server;

    @BeforeAll
    static void setUpClient() {
        client = ContainerProvider.getWebSocketContainer();
        ((ClientManager) client).getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 5_000);
    }

    @AfterAll
    static void tearDownClient() {
        ((ClientManager) client).shutdown();
    }

    @BeforeEach
    void startServer() {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Session connect(RecordingEndpoint endpoint, String path) throws Exception {
        return client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri(path));
    }

    @Test
    void bindsLoopbackOnly() {
        assertThat(server.port()).isPositive();
        assertThat(server.uri("echo")).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/echo"));
    }

    @Test
    void echoRoundTripsOneMebibyteBinaryAndText() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/echo");
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);

        session.getBasicRemote().sendBinary(ByteBuffer.wrap(payload));
        session.getBasicRemote().sendText("héllo");

        assertThat(endpoint.nextBinary(WAIT)).isEqualTo(ByteBuffer.wrap(payload));
        assertThat(endpoint.nextText(WAIT)).isEqualTo("héllo");
        session.close();
    }

    @Test
    void closeEndpointUsesDefaultCodeAndReason() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/close");

        CloseReason reason = endpoint.awaitClose(WAIT);

        assertThat(reason.getCloseCode().getCode()).isEqualTo(4001);
        assertThat(reason.getReasonPhrase()).isEqualTo("bye");
        assertThat(server.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(4001);
    }

    @Test
    void closeEndpointTakesCodeAndReasonFromQuery() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/close?code=1011&reason=boom");

        CloseReason reason = endpoint.awaitClose(WAIT);

        assertThat(reason.getCloseCode().getCode()).isEqualTo(1011);
        assertThat(reason.getReasonPhrase()).isEqualTo("boom");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // the waits below detect a hang; see HANG
    void recordKeepsTextOrderAndBinarySizesUpTo20MiB() throws Exception {
        Session session = connect(new RecordingEndpoint(), "/record");
        for (int i = 0; i < 50; i++) {
            session.getBasicRemote().sendText("m" + i);
        }
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(20 * 1024 * 1024));
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(3));

        // The test asserts what arrives, not how fast: 20 MiB through a busy 2-core machine can take
        // many seconds, so this wait only detects a hang.
        List<String> texts = server.awaitReceived(50, HANG);
        List<Integer> sizes = server.awaitReceivedBinary(2, HANG);

        assertThat(texts).hasSize(50).startsWith("m0", "m1").endsWith("m49");
        assertThat(sizes).containsExactly(20 * 1024 * 1024, 3);
        session.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 500, 503})
    void rejectRefusesTheUpgradeWithTheChosenStatus(int status) {
        // Tyrus: DeploymentHandshakeException("Handshake error.") caused by a HandshakeException
        // whose message holds the status ("Response code was not 101: 404.",
        // "HTTP Status code 503 - Service Unavailable.").
        assertThatThrownBy(() -> connect(new RecordingEndpoint(), "/reject?status=" + status))
                .isInstanceOf(DeploymentException.class)
                .satisfies(e -> assertThat(messages(e)).contains(String.valueOf(status)));
        assertThat(server.openSessions()).isZero();
    }

    @Test
    void rejectWith401IsReportedAsAnAuthenticationFailureWithoutTheStatus() {
        // Tyrus turns a 401 into AuthenticationException("Authentication failed.") whose message
        // does not carry the number. (With a "Basic" challenge Tyrus says "Credentials are
        // missing." or, depending on earlier attempts, fails with a NullPointerException.)
        assertThatThrownBy(() -> connect(new RecordingEndpoint(), "/reject?status=401"))
                .isInstanceOf(DeploymentException.class)
                .satisfies(e -> assertThat(messages(e)).contains("Authentication failed."));
    }

    @Test
    void unknownPathIsA404() {
        assertThatThrownBy(() -> connect(new RecordingEndpoint(), "/no-such-endpoint"))
                .isInstanceOf(DeploymentException.class)
                .satisfies(e -> assertThat(messages(e)).contains("404"));
    }

    @Test
    void refusedPortIsAConnectionFailure() {
        int port = server.port();
        server.close();

        // Tyrus: DeploymentException("Connection failed.") caused by ConnectException
        assertThatThrownBy(() -> connect(new RecordingEndpoint(), "/echo"))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("Connection failed.")
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(port).isPositive();
    }

    /** The messages of {@code t} and its causes, one per line. */
    static String messages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Test
    void headersEchoesRequestHeadersSubprotocolAndSetsResponseHeader() throws Exception {
        CompletableFuture<Map<String, List<String>>> responseHeaders = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("chat.v2"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Taro-Probe", List.of("abc"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        responseHeaders.complete(response.getHeaders());
                    }
                })
                .build();
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = client.connectToServer(endpoint, config, server.uri("/headers"));

        List<String> lines = List.of(endpoint.nextText(WAIT).split("\n"));

        assertThat(lines).anySatisfy(line -> assertThat(line).isEqualToIgnoringCase("X-Taro-Probe: abc"));
        assertThat(lines).contains("Negotiated-Subprotocol: chat.v2");
        assertThat(session.getNegotiatedSubprotocol()).isEqualTo("chat.v2");
        Map<String, List<String>> headers = responseHeaders.get(5, TimeUnit.SECONDS);
        assertThat(headers.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualToIgnoringCase("X-Test-Server");
            assertThat(e.getValue()).containsExactly("taro");
        });
        session.close();
    }

    @Test
    void silentNeverAnswersButCompletesTheCloseHandshake() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/silent");
        session.getBasicRemote().sendText("anyone?");
        server.awaitOpenSessions(1, WAIT);

        session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "leaving"));

        assertThat(endpoint.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1001);
        CloseReason seen = server.awaitClose(WAIT);
        assertThat(seen.getCloseCode().getCode()).isEqualTo(1001);
        assertThat(seen.getReasonPhrase()).isEqualTo("leaving");
        assertThat(endpoint.pendingMessages()).isZero();
        server.awaitOpenSessions(0, WAIT);
    }

    @Test
    void closeDropsOpenConnectionsAndRestartRebindsThePort() throws Exception {
        server.close();
        server = TestServer.startRestartable();
        assertThat(server.port()).isLessThan(ServicePorts.ephemeralLow());
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/silent");
        server.awaitOpenSessions(1, WAIT);
        int port = server.port();

        server.close();

        assertThat(endpoint.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1006);
        server = server.restart();
        assertThat(server.port()).isEqualTo(port);
        RecordingEndpoint again = new RecordingEndpoint();
        Session session = connect(again, "/echo");
        session.getBasicRemote().sendText("back");
        assertThat(again.nextText(WAIT)).isEqualTo("back");
        session.close();
    }

    @Test
    void serverCanPushAndCloseFromItsSide() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        connect(endpoint, "/silent");
        server.awaitOpenSessions(1, WAIT);

        assertThat(server.sendToAll("push")).isEqualTo(1);
        assertThat(endpoint.nextText(WAIT)).isEqualTo("push");
        server.closeSessions(1001, "shutting down");

        CloseReason reason = endpoint.awaitClose(WAIT);
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1001);
        assertThat(reason.getReasonPhrase()).isEqualTo("shutting down");
    }

    @Test
    void tyrusCompletesSmallAsyncSendsInlineOnTheCallingThread() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        Session session = connect(endpoint, "/echo");
        String caller = Thread.currentThread().getName();
        CompletableFuture<String> handlerThread = new CompletableFuture<>();

        session.getAsyncRemote().sendText("inline?", result -> handlerThread.complete(Thread.currentThread().getName()));

        // Tyrus calls the SendHandler before sendText returns when the write completes at once;
        // a large message (megabytes) completes later on a Grizzly selector thread instead.
        assertThat(handlerThread).isCompletedWithValue(caller);
        assertThat(endpoint.nextText(WAIT)).isEqualTo("inline?");
        session.close();
    }

    @Test
    void serversDoNotShareState() throws Exception {
        try (TestServer other = TestServer.start()) {
            Session session = connect(new RecordingEndpoint(), "/record");
            session.getBasicRemote().sendText("only here");

            assertThat(server.awaitReceived(1, WAIT)).containsExactly("only here");
            assertThat(other.received()).isEmpty();
            assertThat(other.port()).isNotEqualTo(server.port());
            session.close();
        }
    }
}
