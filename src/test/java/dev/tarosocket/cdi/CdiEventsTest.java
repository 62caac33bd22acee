package dev.tarosocket.cdi;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.TestServer;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Socket events as CDI events, on Weld SE, with the library's own beans.xml discovery rules. */
@EnableWeld
class CdiEventsTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(SocketManager.class, RecordingObservers.class, ThrowingObserver.class)
            .build();

    @Inject
    SocketManager sockets;

    @Inject
    RecordingObservers observers;

    private final TestServer server = TestServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void observersAndObserversAsyncSeeOpenMessageAndCloseInOrderDespiteAThrowingObserver() {
        List<String> callbacks = new CopyOnWriteArrayList<>();
        SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .onMessage(m -> callbacks.add(m.text())).build()));
        String id = "#" + task.socketTaskId();
        for (int i = 0; i < 20; i++) {
            task.send("m" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.size() == 20);
        value(task.close());
        value(task.whenClosed());

        await().atMost(Duration.ofSeconds(10)).until(() -> observers.sync().size() == 22);
        assertThat(observers.sync().get(0)).isEqualTo("open:" + id);
        for (int i = 0; i < 20; i++) {
            assertThat(observers.sync().get(i + 1)).isEqualTo("message:" + id + ":m" + i);
        }
        assertThat(observers.sync().get(21)).isEqualTo("close:" + id + ":1000");
        assertThat(callbacks).as("callbacks see the same messages despite the throwing observer")
                .containsExactlyElementsOf(observers.sync().subList(1, 21).stream().map(s -> s.substring(s.lastIndexOf(':') + 1)).toList());
        assertThat(observers.syncThreads()).noneMatch(t -> t.getName().startsWith("Grizzly"));

        // @ObservesAsync: no order promised, but every event arrives
        await().atMost(Duration.ofSeconds(10)).until(() -> observers.async().size() == 22);
        assertThat(observers.async()).containsExactlyInAnyOrderElementsOf(observers.sync());
        assertThat(observers.chatOnly()).isEmpty();
    }

    @Test
    void aSocketNameQualifiedObserverHearsOnlyThatSocket() {
        SocketTask chat = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .name("chat").build()));
        SocketTask other = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .name("news").build()));
        value(other.send("for news"));
        value(chat.send("for chat"));
        await().atMost(Duration.ofSeconds(10)).until(() -> observers.sync().contains("message:news:for news")
                && observers.sync().contains("message:chat:for chat"));
        assertThat(observers.chatOnly()).containsExactly("message:chat:for chat");
    }
}
