package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.TestCertificates;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named socket with a configured trust store connected many times makes one SSLContext for that
 * trust configuration, and on Tyrus (which takes TLS settings per container) one TLS container, not
 * one per connectSocket kept until the manager closes. Every connect opens, on each container that a
 * per-socket trust reaches; Jetty's, which takes TLS per container only, refuses it (see
 * {@link TlsHostNameTest}).
 */
class TlsContainerPerConnectTest {

    private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.client.ClientManager";
    private static final String SSL_CONTEXT = "javax.net.ssl.SSLContext";
    private static final int CONNECTS = 50;

    private final TestServer server = TestServer.startTls(TestCertificates.server());

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = ClientContainers.class, names = "JETTY", mode = EnumSource.Mode.EXCLUDE)
    void aNamedSocketWithATrustStoreConnectedManyTimesUsesOneTlsContainer(ClientContainers kind, @TempDir Path dir)
            throws Exception {
        Path trustStore = trustStoreFor(server, dir);
        ConfigSource config = ConfigSource.of(Map.of(
                "taro.socket.chat.url", server.uri("/echo").toString(),
                "taro.socket.chat.truststore", trustStore.toString(),
                "taro.socket.chat.truststore-password", "changeit"));
        try (ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).configSource(config).build()) {
            SocketTask first = value(manager.connectSocket(ConnectSocketOption.named("chat")));
            value(first.whenOpen());
            value(first.close());
            value(first.whenClosed());
            long containersAfterOne = liveInstances(TYRUS_CONTAINER);
            long contextsAfterOne = liveInstances(SSL_CONTEXT);

            for (int i = 1; i < CONNECTS; i++) {
                SocketTask task = value(manager.connectSocket(ConnectSocketOption.named("chat")));
                value(task.whenOpen());
                value(task.close());
                value(task.whenClosed());
            }
            long containersAfterAll = liveInstances(TYRUS_CONTAINER);
            // One context per connect from the library would add CONNECTS - 1, for good. The bound is
            // not 1 because Tyrus itself makes a default context on every connect (Grizzly's
            // SSLContextConfigurator, even beside a configured one) and its transport keeps a bounded
            // number of them reachable: 12 in a measured run, the same after 20 connects as after 50.
            // On a private transport (Tyrus as created) each connection's transport is torn down on
            // Tyrus's threads after the close completes: on a busy machine all 49 were still reachable
            // right after the last close, so the count is awaited; what the library kept never goes.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(liveInstances(SSL_CONTEXT) - contextsAfterOne)
                    .as("TLS contexts alive after " + CONNECTS + " connects of one named socket, beyond those after the first")
                    .isLessThan(CONNECTS / 2));
            assertThat(containersAfterAll - containersAfterOne)
                    .as("Tyrus containers alive after " + CONNECTS + " connects of one named socket, beyond those after the first")
                    .isLessThanOrEqualTo(1);
        }
    }

    /** Live (after a full GC) instances of a class, from the JVM's class histogram. */
    private static long liveInstances(String className) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Matcher m = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
                Pattern.MULTILINE).matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A PKCS12 trust store holding the certificate the server presents. */
    private static Path trustStoreFor(TestServer server, Path dir) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        Certificate serverCertificate;
        try (SSLSocket socket = (SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            serverCertificate = socket.getSession().getPeerCertificates()[0];
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test-server", serverCertificate);
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, "changeit".toCharArray());
        }
        return file;
    }
}
