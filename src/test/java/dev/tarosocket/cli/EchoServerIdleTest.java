package dev.tarosocket.cli;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded echo server keeps an idle connection open: Grizzly's HTTP keep-alive timeout (30 s)
 * once ended an interactive session that was left alone for half a minute, with 1006. The wait is
 * that timeout and a margin, spent checking that the connection stays open.
 */
class EchoServerIdleTest {

    private static final Duration GRIZZLY_KEEP_ALIVE = Duration.ofSeconds(30);

    @Test
    void aConnectionIdleLongerThanGrizzlysKeepAliveStaysOpenAndStillEchoes() throws Exception {
        ClientManager client = ClientManager.createClient();
        try (EchoServer server = EchoServer.start()) {
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session s, EndpointConfig config) {
                    s.addMessageHandler(String.class, echoed::complete);
                }

                @Override
                public void onClose(Session s, CloseReason reason) {
                    closed.complete(reason);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.echoUri());

            await("the idle connection stays open").during(GRIZZLY_KEEP_ALIVE.plusSeconds(5))
                    .atMost(GRIZZLY_KEEP_ALIVE.plusSeconds(15)).until(() -> !closed.isDone());
            session.getBasicRemote().sendText("still here");
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("still here");
            session.close();
        } finally {
            client.shutdown();
        }
    }
}
