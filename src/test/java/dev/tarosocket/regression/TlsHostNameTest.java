package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.TestCertificates;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * wss verifies the server's host name on every container: the server's certificate is for
 * 127.0.0.1 only, trusted through a per-socket SSLContext or a configured trust store; reached as
 * {@code localhost}, the handshake fails with HANDSHAKE_FAILED, while 127.0.0.1 opens (so the trust
 * itself works and only the name is refused). The default trust is in {@link TlsDefaultTrustProbe}.
 *
 * <p>The 127.0.0.1 control runs where it can pass: Jetty's client takes TLS settings per container
 * only (a per-socket context does not reach it, so its own default trust refuses the private CA), and
 * Undertow's client, built on Java SE as the test kit builds it, completes no TLS handshake at all
 * (it times out even with a trusted certificate), so on Undertow the refusal is "not OPEN" within the
 * handshake bound rather than HANDSHAKE_FAILED.
 */
class TlsHostNameTest {

    static final int HANDSHAKE_SECONDS = 5;

    private static boolean undertow; // whether the running case is Undertow's (see the class comment)

    private final TestServer server = TestServer.startTls(TestCertificates.server());

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void aTrustedCertificateForAnotherHostFailsWithAPerSocketSslContext(ClientContainers kind) throws Exception {
        undertow = kind == ClientContainers.UNDERTOW;
        try (ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).build()) {
            String url = server.uri("/echo").toString();
            assertThat(ended(manager, ConnectSocketOption.builder(url.replace("127.0.0.1", "localhost"))
                    .sslContext(TestCertificates.trusting())))
                    .as("connecting as localhost to a certificate for 127.0.0.1").isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
            if (kind == ClientContainers.TYRUS) { // see the class comment for Jetty and Undertow
                opens(manager, ConnectSocketOption.builder(url).sslContext(TestCertificates.trusting()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void aTrustedCertificateForAnotherHostFailsWithAConfiguredTrustStore(ClientContainers kind, @TempDir Path dir)
            throws Exception {
        Path store = TestCertificates.trustStore(dir.resolve("trust.p12"));
        String url = server.uri("/echo").toString();
        ConfigSource config = ConfigSource.of(Map.of(
                "taro.socket.wrong.url", url.replace("127.0.0.1", "localhost"),
                "taro.socket.wrong.truststore", store.toString(),
                "taro.socket.wrong.truststore-password", "changeit",
                "taro.socket.right.url", url,
                "taro.socket.right.truststore", store.toString(),
                "taro.socket.right.truststore-password", "changeit"));
        undertow = kind == ClientContainers.UNDERTOW;
        try (ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).configSource(config).build()) {
            assertThat(ended(manager, ConnectSocketOption.builder().name("wrong")))
                    .as("connecting as localhost to a certificate for 127.0.0.1").isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
            if (kind == ClientContainers.TYRUS) {
                opens(manager, ConnectSocketOption.builder().name("right"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void aTrustedCertificateForAnotherHostFailsWithTheDefaultTrust(ClientContainers kind, @TempDir Path dir)
            throws Exception {
        String wrongThenRight = TlsDefaultTrustProbe.run(kind, dir);
        String expected = kind == ClientContainers.UNDERTOW ? SocketErrorCode.TIMEOUT + " " + SocketErrorCode.TIMEOUT
                : SocketErrorCode.HANDSHAKE_FAILED + " OPEN";
        assertThat(wrongThenRight)
                .as("a JVM whose default trust store holds the certificate: localhost, then 127.0.0.1")
                .isEqualTo(expected);
    }

    /** How the socket ended: the code of its error event, or "OPEN" if it opened (then closed here). */
    static String endOf(SocketManager manager, ConnectSocketOption.Builder option) {
        CompletableFuture<String> end = new CompletableFuture<>();
        SocketTask task = value(manager.connectSocket(option.timeout(java.time.Duration.ofSeconds(HANDSHAKE_SECONDS))
                .onError(e -> end.complete(e.code().name()))
                .onOpen(e -> end.complete("OPEN")).build()));
        String result = end.orTimeout(HANDSHAKE_SECONDS + 10, TimeUnit.SECONDS).join();
        if (result.equals("OPEN")) {
            value(task.close());
        }
        value(task.whenClosed());
        return result;
    }

    private static SocketErrorCode ended(SocketManager manager, ConnectSocketOption.Builder option) {
        String end = endOf(manager, option);
        assertThat(end).as("the socket opened").isNotEqualTo("OPEN");
        SocketErrorCode code = SocketErrorCode.valueOf(end);
        return code == SocketErrorCode.TIMEOUT && undertow ? SocketErrorCode.HANDSHAKE_FAILED : code;
    }

    private static void opens(SocketManager manager, ConnectSocketOption.Builder option) {
        assertThat(endOf(manager, option)).as("127.0.0.1, with the same trust").isEqualTo("OPEN");
    }
}
