package dev.tarosocket.cdi.typed;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Typed JSON without CDI: a manager built in code makes its own Jsonb; the global send takes JSON too. */
class JsonOnJavaSeTest {

    @Test
    void theGlobalSendTakesJsonAndTheMessageEventDecodesItWithoutCdi() {
        try (TestServer server = TestServer.start(); SocketManager sockets = SocketManager.builder().build()) {
            CompletableFuture<SocketMessageEvent> echo = new CompletableFuture<>();
            SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .onMessage(echo::complete).build()));
            CompletableFuture<String> success = new CompletableFuture<>();

            value(sockets.sendSocketMessage(SendSocketMessageOption.builder().json(new Price("SE", 5))
                    .success(r -> success.complete(r.errMsg())).build()));

            assertThat(value(success)).isEqualTo("sendSocketMessage:ok");
            SocketMessageEvent message = value(echo);
            assertThat(message.text()).isEqualTo("{\"cents\":5,\"symbol\":\"SE\"}");
            assertThat(message.json(Price.class)).isEqualTo(new Price("SE", 5));
            assertThat(message.task()).isSameAs(task);
        }
    }
}
