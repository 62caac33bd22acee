package dev.tarosocket.examples;

import dev.tarosocket.cdi.named.CdiApp;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The quick start of docs/cdi.md and the README, run as written against a real server's /echo. */
class QuickStartExampleTest {

    @Test
    void theQuickStartPublishesAPriceAndItsObserverSeesTheEcho() {
        try (TestServer server = TestServer.start();
             CdiApp app = CdiApp.start(Map.of(
                     "taro.socket.prices.url", server.uri("/echo").toString(),
                     "taro.socket.prices.connect-on-start", "true",
                     "taro.socket.prices.reconnect", "true",
                     "taro.socket.prices.ping-interval", "30s"), PriceBoard.class)) {
            server.awaitOpenSessions(1, Duration.ofSeconds(10)); // connect-on-start: open before first use
            PriceBoard board = app.get(PriceBoard.class);

            assertThat(value(board.publish(new Price("TARO", 4200))).isOk()).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> board.latest("TARO").isPresent());
            assertThat(board.latest("TARO")).contains(new Price("TARO", 4200));
        }
    }
}
