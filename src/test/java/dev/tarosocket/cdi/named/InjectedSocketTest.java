package dev.tarosocket.cdi.named;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @Inject @SocketName("chat") SocketTask} on Weld SE, configured through MicroProfile Config. */
class InjectedSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestServer server = TestServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> chatAt(String path, String... more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("taro.socket.chat.url", server.uri(path).toString()));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return config;
    }

    @Test
    void everyInjectionOfANameGetsTheApplicationsOneSocketConnectedFromConfiguration() {
        try (CdiApp app = CdiApp.start(chatAt("/echo"), ChatClient.class, OtherChatClient.class)) {
            SocketTask chat = app.get(ChatClient.class).chat();
            CompletableFuture<String> echo = new CompletableFuture<>();
            chat.onMessage(m -> echo.complete(m.text()));
            value(chat.send("sent before or after open, it arrives"));

            assertThat(value(echo)).isEqualTo("sent before or after open, it arrives");
            assertThat(chat.name()).contains("chat");
            assertThat(app.get(OtherChatClient.class).chat).isSameAs(chat);
            assertThat(app.get(OtherChatClient.class).chat).isSameAs(chat);
            assertThat(app.sockets().sockets()).containsExactly(chat);
            assertThat(server.openSessions()).isEqualTo(1);
        }
    }

    @Test
    void withoutConnectOnStartNothingConnectsBeforeTheFirstInjection() {
        try (CdiApp app = CdiApp.start(chatAt("/echo"), ChatClient.class)) {
            assertThat(app.sockets().sockets()).isEmpty();
            SocketTask chat = app.get(ChatClient.class).chat();
            assertThat(app.sockets().sockets()).containsExactly(chat);
        }
    }

    @Test
    void connectOnStartConnectsWhenTheApplicationStartsBeforeAnyoneUsesTheSocket() {
        try (CdiApp app = CdiApp.start(chatAt("/echo", "taro.socket.chat.connect-on-start", "true"), ChatClient.class)) {
            List<SocketTask> live = List.copyOf(app.sockets().sockets());
            assertThat(live).hasSize(1);
            assertThat(live.get(0).name()).contains("chat");
            value(live.get(0).whenOpen());
            server.awaitOpenSessions(1, WAIT);
            assertThat(app.get(ChatClient.class).chat()).isSameAs(live.get(0));
        }
    }

    @Test
    void connectOnStartAlsoConnectsANameThatIsOnlyObserved() {
        try (CdiApp app = CdiApp.start(chatAt("/echo", "taro.socket.chat.connect-on-start", "true"), ChatListener.class)) {
            List<SocketTask> live = List.copyOf(app.sockets().sockets());
            assertThat(live).hasSize(1);
            value(live.get(0).whenOpen());
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> app.get(ChatListener.class).opened().size() == 1);
            assertThat(app.get(ChatListener.class).opened().get(0).task()).isSameAs(live.get(0));
        }
        try (CdiApp app = CdiApp.start(Map.of("taro.socket.chat.connect-on-start", "true"), ChatListener.class)) {
            throw new AssertionError("an observed name to connect on start, without a URL, was deployed");
        } catch (RuntimeException e) {
            assertThat(e).hasMessageContaining("taro.socket.chat.connect-on-start is true, but taro.socket.chat.url is not configured");
        }
    }

    @Test
    void theInjectedSocketClosesWith1001WhenTheApplicationEnds() {
        SocketTask chat;
        try (CdiApp app = CdiApp.start(chatAt("/echo"), ChatClient.class)) {
            chat = app.get(ChatClient.class).chat();
            value(chat.whenOpen());
        }
        assertThat(server.awaitClose(WAIT).getCloseCode().getCode()).isEqualTo(1001);
        assertThat(value(chat.whenClosed()).code()).isEqualTo(1001);
        assertThat(chat.readyState()).isEqualTo(ReadyState.CLOSED);
    }

    @Test
    void anInjectedNameWithoutAUrlFailsTheDeploymentNamingTheMissingKey() {
        assertThatThrownBy(() -> CdiApp.start(Map.of("taro.socket.other.url", "ws://127.0.0.1:1/"), ChatClient.class).close())
                .hasMessageContaining("taro.socket.chat.url is not configured")
                .hasMessageContaining("@SocketName(\"chat\") SocketTask is injected into");
    }

    @Test
    void aMalformedValueOfAnInjectedNameFailsTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> CdiApp.start(chatAt("/echo", "taro.socket.chat.reconnect", "sometimes"), ChatClient.class)
                .close())
                .hasMessageContaining("taro.socket.chat.reconnect=\"sometimes\"");
        assertThatThrownBy(() -> CdiApp.start(Map.of("taro.socket.chat.url", "http://127.0.0.1/chat"), ChatClient.class)
                .close())
                .hasMessageContaining("taro.socket.chat.url is not a WebSocket URL");
    }
}
