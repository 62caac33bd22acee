package dev.tarosocket.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves each {@link ClientContainers} handle is the implementation it names, works, and leaves no thread behind. */
class ClientContainersTest {

    @ParameterizedTest
    @EnumSource(ClientContainers.class)
    void eachHandleEchoesThroughItsOwnImplementationAndItsCloseStopsEveryThreadItStarted(ClientContainers which)
            throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (TestServer server = TestServer.start()) {
            ClientContainers.Handle handle = which.open();
            try {
                assertThat(handle.container().getClass().getName().toLowerCase())
                        .contains(which.name().toLowerCase());
                CompletableFuture<String> echo = new CompletableFuture<>();
                CompletableFuture<Integer> closed = new CompletableFuture<>();
                Session session = handle.container().connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session s, EndpointConfig config) {
                        s.addMessageHandler(String.class, echo::complete);
                    }

                    @Override
                    public void onClose(Session s, CloseReason reason) {
                        closed.complete(reason.getCloseCode().getCode());
                    }
                }, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
                session.getBasicRemote().sendText("hi " + which);
                assertThat(echo.get(5, TimeUnit.SECONDS)).isEqualTo("hi " + which);
                session.close();
                assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
            } finally {
                handle.close();
            }
        }
        // threads the container (or the server) started; the JDK's common pool is nobody's
        // (Tomcat's: its process-wide channel group, with the JDK's internal thread of that group, and
        // its background thread end asynchronously, when the JVM's last Tomcat container is gone)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started(before, which)).isEmpty());
    }

    private static List<String> started(Set<Thread> before, ClientContainers which) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool") && !n.startsWith("awaitility"))
                .filter(n -> which != ClientContainers.TOMCAT
                        || !(ClientContainers.isTomcatSharedThread(n) || n.matches("Thread-\\d+")))
                .collect(Collectors.toList());
    }
}
