package dev.tarosocket.config;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.EventRecorder;
import dev.tarosocket.SocketManager;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header values from environment variables, without MicroProfile Config: the build sets
 * {@code TARO_SOCKET_ENVHEADER_HEADER_X_TARO_TOKEN} for the test JVM, and the manager's default
 * configuration (system properties and environment) enumerates it as header {@code X-Taro-Token}.
 */
class EnvironmentHeadersTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aHeaderSetOnlyInTheEnvironmentReachesTheServer() {
        assertThat(System.getenv("TARO_SOCKET_ENVHEADER_HEADER_X_TARO_TOKEN"))
                .as("set by the build for this test").isEqualTo("from-the-environment");
        try (SocketManager manager = SocketManager.builder().build()) {
            ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/headers").toString())
                    .name("envheader");
            EventRecorder events = EventRecorder.on(option);
            value(manager.connectSocket(option.build()));
            events.nextOpen();
            assertThat(events.nextMessage().text()).containsIgnoringCase("X-Taro-Token: from-the-environment");
        }
    }

    @Test
    void environmentNamesAreReadAsHeaderNamesWithDashes() {
        SystemConfigSource source = new SystemConfigSource(Map.of(
                "TARO_SOCKET_CHAT_HEADER_AUTHORIZATION", "a", "TARO_SOCKET_CHAT_HEADER_X_API_KEY", "b",
                "TARO_SOCKET_CHATTY_HEADER_OTHER", "c", "TARO_SOCKET_CHAT_URL", "ws://127.0.0.1:1/"));
        assertThat(source.keys("taro.socket.chat.header."))
                .containsExactly("taro.socket.chat.header.Authorization", "taro.socket.chat.header.X-Api-Key");
        assertThat(source.get("taro.socket.chat.header.X-Api-Key")).contains("b");
    }
}
