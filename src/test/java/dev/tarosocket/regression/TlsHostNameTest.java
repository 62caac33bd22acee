package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
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

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * wss verifies the server's host name on every container: the server's certificate is for
 * 127.0.0.1 only, trusted through a per-socket SSLContext or a configured trust store; reached as
 * {@code localhost}, the handshake fails with HANDSHAKE_FAILED, while 127.0.0.1 opens with the same
 * trust (so the trust itself works and only the name is refused). The default trust is in
 * {@link TlsDefaultTrustProbe}.
 *
 * <p>Jetty's client takes TLS settings per container only: a per-socket context cannot reach it, so
 * such a socket fails at once with INVALID_ARGUMENT saying so, rather than connecting with a trust it
 * was not given. Undertow's client gets TLS 1.2 (it never completes a TLS 1.3 handshake).
 */
class TlsHostNameTest {

    static final int HANDSHAKE_SECONDS = 5;

    private final TestServer server = TestServer.startTls(TestCertificates.server());

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void aTrustedCertificateForAnotherHostFailsWithAPerSocketSslContext(ClientContainers kind) throws Exception {
        try (ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).build()) {
            String url = server.uri("/echo").toString();
            ConnectSocketOption.Builder wrong = ConnectSocketOption.builder(url.replace("127.0.0.1", "localhost"))
                    .sslContext(TestCertificates.trusting());
            ConnectSocketOption.Builder right = ConnectSocketOption.builder(url).sslContext(TestCertificates.trusting());
            if (kind == ClientContainers.JETTY) {
                refusedAsPerContainerOnly(manager, right);
                return;
            }
            assertThat(endOf(manager, wrong)).as("connecting as localhost to a certificate for 127.0.0.1")
                    .isEqualTo(SocketErrorCode.HANDSHAKE_FAILED.name());
            assertThat(endOf(manager, right)).as("127.0.0.1, with the same trust").isEqualTo("OPEN");
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
        try (ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).configSource(config).build()) {
            if (kind == ClientContainers.JETTY) {
                refusedAsPerContainerOnly(manager, ConnectSocketOption.builder().name("right"));
                return;
            }
            assertThat(endOf(manager, ConnectSocketOption.builder().name("wrong")))
                    .as("connecting as localhost to a certificate for 127.0.0.1")
                    .isEqualTo(SocketErrorCode.HANDSHAKE_FAILED.name());
            assertThat(endOf(manager, ConnectSocketOption.builder().name("right")))
                    .as("127.0.0.1, with the same trust store").isEqualTo("OPEN");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void aTrustedCertificateForAnotherHostFailsWithTheDefaultTrust(ClientContainers kind, @TempDir Path dir)
            throws Exception {
        assertThat(TlsDefaultTrustProbe.run(kind, dir))
                .as("a JVM whose default trust store holds the certificate: localhost, then 127.0.0.1")
                .isEqualTo(SocketErrorCode.HANDSHAKE_FAILED + " OPEN");
    }

    /** A per-socket trust on a container that takes TLS per container only fails the call, saying why. */
    private static void refusedAsPerContainerOnly(SocketManager manager, ConnectSocketOption.Builder option) {
        SocketException e = failure(manager.connectSocket(option
                .onOpen(x -> { throw new AssertionError("opened with a trust it was not given"); }).build()));
        assertThat(e.code()).isEqualTo(SocketErrorCode.INVALID_ARGUMENT);
        assertThat(e.errMsg()).startsWith("connectSocket:fail ").contains("per container only");
        assertThat(manager.sockets()).as("no socket is left behind").isEmpty();
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
}
