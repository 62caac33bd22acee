package dev.tarosocket.internal;

import dev.tarosocket.testing.ClientContainers;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that accepts TCP and never answers the upgrade: aborting the handshake, or letting its
 * timeout run out, must close that TCP connection, as the peer sees it. Which containers can: see
 * {@link Handshake}.
 */
@Timeout(60)
class HandshakeAbortReleasesTheConnectionTest {

    private static ExecutorService handshakes;
    private static ScheduledExecutorService timer;

    @BeforeAll
    static void pool() {
        handshakes = Executors.newCachedThreadPool();
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void shut() {
        handshakes.shutdownNow();
        timer.shutdownNow();
    }

    /** Only Jetty: Tyrus and Undertow give no handle on a pending upgrade (see {@link Handshake}). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ClientContainers.class, names = {"JETTY"})
    void anAbortedHandshakeClosesItsTcpConnectionAtOnce(ClientContainers kind) throws Exception {
        try (ClientContainers.Handle made = kind.open(); ServerSocket server = loopback()) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            Handshake h = Handshake.start(made.container(), new Quiet(), ClientEndpointConfig.Builder.create().build(),
                    uri(server), 30_000, handshakes, timer, failed::complete);
            try (Socket peer = server.accept()) {
                readRequest(peer);
                h.abort();
                h.abort(); // idempotent
                assertThat(seesEnd(peer, 3_000)).as("%s: the peer sees the connection closed", kind).isTrue();
            }
        }
    }

    /**
     * Not Undertow: its CONNECT_TIMEOUT cancels its XNIO future, which leaves the TCP connection
     * open (seen here: no end within 4 s), and it waits uninterruptibly. Tyrus only on a private
     * transport, as {@code createClient()} makes: on a shared one it has nothing to close. Tomcat's
     * client closes the connection of a handshake whose timeout ran out.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ClientContainers.class, names = {"TYRUS", "JETTY", "TOMCAT"})
    void aHandshakeWhoseTimeoutRunsOutClosesItsTcpConnectionAndFailsOnce(ClientContainers kind) throws Exception {
        try (ClientContainers.Handle made = kind.open(); ServerSocket server = loopback()) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            Handshake.start(made.container(), new Quiet(), ClientEndpointConfig.Builder.create().build(),
                    uri(server), 500, handshakes, timer, failed::complete);
            try (Socket peer = server.accept()) {
                readRequest(peer);
                assertThat(failed.get(5, TimeUnit.SECONDS)).isNotNull();
                assertThat(seesEnd(peer, 4_000)).as("%s: the peer sees the connection closed", kind).isTrue();
            }
        }
    }

    @Test
    void anAbortBeforeTheHandshakeRanNeverConnects() throws Exception {
        try (ClientContainers.Handle made = ClientContainers.JETTY.open(); ServerSocket server = loopback()) {
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture<Void> gate = new CompletableFuture<>();
                one.submit(gate::join); // the handshake waits behind this
                Handshake h = Handshake.start(made.container(), new Quiet(),
                        ClientEndpointConfig.Builder.create().build(), uri(server), 30_000, one, timer, e -> { });
                h.abort();
                gate.complete(null);
                server.setSoTimeout(500);
                assertThat(accepts(server)).isFalse();
            } finally {
                one.shutdownNow();
            }
        }
    }

    private static boolean accepts(ServerSocket server) throws IOException {
        try (Socket s = server.accept()) {
            return s != null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    static ServerSocket loopback() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    static URI uri(ServerSocket server) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/never");
    }

    /** Reads the upgrade request up to its blank line; returns it. */
    static String readRequest(Socket peer) throws IOException {
        peer.setSoTimeout(10_000);
        InputStream in = peer.getInputStream();
        StringBuilder b = new StringBuilder();
        while (b.length() < 16_384 && !(b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n"))) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** Whether, within {@code millis}, reading sees the end of the stream or a reset. */
    static boolean seesEnd(Socket peer, int millis) throws IOException {
        peer.setSoTimeout(millis);
        try {
            return peer.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    static final class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
