package dev.tarosocket.cdi;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.testing.TestServer;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ending the CDI container closes every socket with 1001, fails queued sends and stops our threads. */
class ShutdownTest {

    @Test
    void shuttingTheContainerDownClosesSocketsWith1001AndLeavesNoThreads() throws Exception {
        try (TestServer server = TestServer.start();
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            WeldContainer container = new Weld().disableDiscovery()
                    .addBeanClasses(SocketManager.class, RecordingObservers.class).initialize();
            SocketManager sockets = container.select(SocketManager.class).get();
            List<String> observed = container.select(RecordingObservers.class).get().sync();

            SocketTask open = value(sockets.connectSocket(server.uri("/echo").toString()));
            value(open.whenOpen());
            SocketTask connecting = value(sockets.connectSocket("ws://127.0.0.1:" + silent.getLocalPort() + "/"));
            CompletionStage<?> queued = connecting.send("queued while connecting");
            assertThat(threads()).isPositive();

            container.shutdown();

            assertThat(server.awaitClose(Duration.ofSeconds(10)).getCloseCode().getCode()).isEqualTo(1001);
            SocketCloseEvent closed = value(open.whenClosed());
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(observed).contains("close:#" + open.socketTaskId() + ":1001");
            assertThat(failure(queued).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(value(connecting.whenClosed()).code()).isEqualTo(1006);
            await().atMost(Duration.ofSeconds(10)).until(() -> threads() == 0);
        }
    }

    private static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).filter(t -> t.getName().startsWith("taro-socket")).count();
    }
}
