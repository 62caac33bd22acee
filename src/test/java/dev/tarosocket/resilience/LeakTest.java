package dev.tarosocket.resilience;

import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sockets that fail must give everything back: the slot, the live list, the threads. */
class LeakTest {

    @Test
    void aThousandConnectThenFailCyclesLeaveNoSocketNoSlotAndNoThreadBehind() throws Exception {
        int refusedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
        try (TestServer server = TestServer.start();
             FaultProxy cutting = FaultProxy.start(server.port());
             SocketManager manager = SocketManager.builder()
                     .settings(SocketSettings.builder().maxSockets(2).build()).build()) {
            // warm up: classes, and the pools of ours and Tyrus's grow to their working size
            for (int i = 0; i < 50; i++) {
                refused(manager, refusedPort);
                cut(manager, cutting);
            }
            long threadsBefore = clientThreads().count();
            // 500 of each by default: 1,000 sockets; the soak profile runs taro.soak.cycles of each
            for (int i = 0, n = Integer.getInteger("taro.soak.cycles", 500); i < n; i++) {
                refused(manager, refusedPort);
                cut(manager, cutting);
            }
            assertThat(manager.sockets()).isEmpty();
            // the limit is free: two sockets can open at once
            SocketTask a = value(manager.connectSocket(server.uri("/echo").toString()));
            SocketTask b = value(manager.connectSocket(server.uri("/echo").toString()));
            value(a.whenOpen());
            value(b.whenOpen());
            value(a.close());
            value(b.close());
            // A leak keeps at least one thread per failed socket: 1,000 here. Bounded pools (ours: 32
            // handshake + delivery threads; Tyrus's and Grizzly's workers) may still grow on a busy
            // machine, by a few dozen at most, whatever the number of cycles: that is the margin.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(clientThreads().count()).as("client threads after 1,000 failed sockets: %s",
                            clientThreads().map(Thread::getName).toList()).isLessThanOrEqualTo(threadsBefore + 50));
        }
    }

    private static java.util.stream.Stream<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> {
            String n = t.getName();
            return n.startsWith("taro-socket") || n.startsWith("tyrus-") || n.startsWith("Grizzly");
        });
    }

    private static void refused(SocketManager manager, int port) {
        SocketTask task = value(manager.connectSocket("ws://127.0.0.1:" + port + "/"));
        assertThat(value(task.whenClosed()).code()).isEqualTo(1006);
    }

    /** Opens through the proxy, then the proxy cuts the TCP connection. */
    private static void cut(SocketManager manager, FaultProxy proxy) {
        SocketTask task = value(manager.connectSocket(proxy.uri("/echo").toString()));
        value(task.whenOpen());
        proxy.cutAll();
        assertThat(value(task.whenClosed()).code()).isEqualTo(1006);
    }
}
