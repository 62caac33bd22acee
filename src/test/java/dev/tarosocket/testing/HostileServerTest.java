package dev.tarosocket.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tarosocket.testing.HostileServer.Behavior;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves each {@link HostileServer.Behavior} reaches Tyrus's client as described, and pins down
 * what Tyrus reports for each (exception messages, close codes and phrases).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    // created once per class in setUpClient(), shut down in tearDownClient()
    private static WebSocketContainer client;

    @BeforeAll
    static void setUpClient() {
        client = ContainerProvider.getWebSocketContainer();
        ((ClientManager) client).getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 1_000);
    }

    @AfterAll
    static void tearDownClient() {
        ((ClientManager) client).shutdown();
    }

    private static Session connect(HostileServer server, RecordingEndpoint endpoint) throws Exception {
        return client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), server.uri());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ANSWER_401  | org.glassfish.tyrus.client.auth.AuthenticationException: Authentication failed.",
        "ANSWER_404  | org.glassfish.tyrus.core.HandshakeException: Response code was not 101: 404.",
        "ANSWER_503  | org.glassfish.tyrus.client.RetryAfterException: HTTP Status code 503 - Service Unavailable.",
        "BAD_ACCEPT  | org.glassfish.tyrus.core.HandshakeException: Sec-WebSocket-Key returned from server"
            + " does not match expected response.",
        "NEVER_ANSWER | jakarta.websocket.DeploymentException: Handshake response not received.",
    })
    void failedHandshakesSurfaceAsDeploymentExceptions(Behavior behavior, String expected) {
        try (HostileServer server = HostileServer.start(behavior)) {
            assertThatThrownBy(() -> connect(server, new RecordingEndpoint()))
                    .isInstanceOf(DeploymentException.class)
                    .satisfies(e -> assertThat(TestServerTest.messages(e)).contains(expected));
            assertThat(server.requests()).singleElement()
                    .satisfies(request -> assertThat(request).startsWith("GET / HTTP/1.1"));
            assertThat(server.awaitClientClose(WAIT)).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RESERVED_BITS       | 1002 | RSV bit(s) incorrectly set.",
        "INVALID_UTF8        | 1007 | Illegal UTF-8 Sequence.",
        "BAD_CLOSE_CODE      | 1002 | Illegal status code: 999",
        "RESERVED_CLOSE_CODE | 1002 | Illegal status code: 1005",
        "OVERSIZED_FRAME     | 1011 | Buffer overflow.",
        "GARBAGE_AFTER_CLOSE | 1000 | bye",
    })
    void protocolViolationsCloseTheSession(Behavior behavior, int code, String phrase) throws Exception {
        try (HostileServer server = HostileServer.start(behavior)) {
            RecordingEndpoint endpoint = new RecordingEndpoint();
            connect(server, endpoint);

            CloseReason reason = endpoint.awaitClose(WAIT);

            assertThat(reason.getCloseCode().getCode()).isEqualTo(code);
            assertThat(reason.getReasonPhrase()).isEqualTo(phrase);
            assertThat(server.awaitClientClose(WAIT)).isEqualTo(OptionalInt.of(code));
        }
    }

    @Test
    void echoThenDropEchoesOnceThenEndsWithoutACloseFrame() throws Exception {
        try (HostileServer server = HostileServer.start(Behavior.ECHO_THEN_DROP)) {
            RecordingEndpoint endpoint = new RecordingEndpoint();
            Session session = connect(server, endpoint);

            session.getBasicRemote().sendText("ping");

            assertThat(endpoint.nextText(WAIT)).isEqualTo("ping");
            CloseReason reason = endpoint.awaitClose(WAIT);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
            assertThat(reason.getReasonPhrase()).isEqualTo("Closed abnormally.");
            assertThat(server.awaitClientClose(WAIT)).isEmpty();
        }
    }

    @Test
    void acceptHeaderFollowsRfc6455() {
        // the worked example of RFC 6455 section 1.3
        assertThat(HostileConnection.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void behaviorCanBeSwitchedForLaterConnections() throws Exception {
        try (HostileServer server = HostileServer.start(Behavior.ANSWER_404)) {
            assertThatThrownBy(() -> connect(server, new RecordingEndpoint())).isInstanceOf(DeploymentException.class);
            server.behave(Behavior.GARBAGE_AFTER_CLOSE);

            RecordingEndpoint endpoint = new RecordingEndpoint();
            connect(server, endpoint);

            assertThat(endpoint.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1000);
            assertThat(server.requests()).hasSize(2);
        }
    }
}
