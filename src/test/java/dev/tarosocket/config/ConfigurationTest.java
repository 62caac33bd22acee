package dev.tarosocket.config;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.testing.TestServer;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings and named sockets from MicroProfile Config (SmallRye here) and from system properties. */
class ConfigurationTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty("taro.socket.sys.url");
        System.clearProperty("taro.socket.sys.header.X-Token");
    }

    private static WeldContainer weld() {
        return new Weld().disableDiscovery().addBeanClasses(SocketManager.class).initialize();
    }

    @Test
    void autoReadsMicroProfileConfigWhenItIsOnTheClassPath() {
        try (MicroProfileConfigs ignored = MicroProfileConfigs.with(Map.of("taro.socket.max-sockets", "7"))) {
            ConfigSource source = ConfigSource.auto();
            assertThat(source).hasToString("MicroProfile Config");
            assertThat(SocketSettings.from(source).maxSockets()).isEqualTo(7);
        }
    }

    @Test
    void cdiManagerConnectsANamedSocketFromMicroProfileConfigAloneWithItsHeaderAndSubprotocol() {
        Map<String, String> values = Map.of(
                "taro.socket.chat.url", server.uri("/headers").toString(),
                "taro.socket.chat.protocols", "chat.v2",
                "taro.socket.chat.header.X-Token", "from-mp-config",
                "taro.socket.max-sockets", "1");
        try (MicroProfileConfigs ignored = MicroProfileConfigs.with(values); WeldContainer cdi = weld()) {
            SocketManager sockets = cdi.select(SocketManager.class).get();
            CompletableFuture<SocketMessageEvent> reply = new CompletableFuture<>();
            SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder().name("chat")
                    .onMessage(reply::complete).build()));
            String headers = value(reply).text();
            assertThat(headers).containsIgnoringCase("X-Token: from-mp-config")
                    .contains("Negotiated-Subprotocol: chat.v2");
            assertThat(task.name()).contains("chat");
            // max-sockets=1 came from MicroProfile Config too
            assertThat(failure(sockets.connectSocket(server.uri("/echo").toString())).code())
                    .isEqualTo(SocketErrorCode.TOO_MANY_SOCKETS);
            value(task.close());
        }
    }

    @Test
    void badValueInMicroProfileConfigFailsAtFirstUseNamingKeyAndValue() {
        try (MicroProfileConfigs ignored = MicroProfileConfigs.with(Map.of("taro.socket.connect-timeout", "soon"));
             WeldContainer cdi = weld()) {
            SocketManager sockets = cdi.select(SocketManager.class).get();
            assertThatThrownBy(sockets::sockets)
                    .satisfies(e -> assertThat(messages(e)).anyMatch(m -> m.contains("taro.socket.connect-timeout=\"soon\"")));
        }
    }

    @Test
    void namedSocketConnectsFromSystemPropertiesAlone() {
        System.setProperty("taro.socket.sys.url", server.uri("/headers").toString());
        System.setProperty("taro.socket.sys.header.X-Token", "from-system");
        try (SocketManager sockets = SocketManager.builder().configSource(ConfigSource.system()).build()) {
            CompletableFuture<SocketMessageEvent> reply = new CompletableFuture<>();
            value(sockets.connectSocket(ConnectSocketOption.builder().name("sys").onMessage(reply::complete).build()));
            assertThat(value(reply).text()).containsIgnoringCase("X-Token: from-system");
        }
    }

    @Test
    void withNoConfigurationAtAllTheDefaultsApply() {
        assertThat(SocketSettings.from(ConfigSource.of(Map.of()))).hasToString(SocketSettings.defaults().toString());
        assertThat(SocketSettings.defaults().maxSockets()).isEqualTo(5);
    }

    @Test
    void namedKeysAreSpelledAsDocumented() {
        assertThat(ConfigKeys.named("chat", ConfigKeys.URL)).isEqualTo("taro.socket.chat.url");
        assertThat(ConfigKeys.named("chat", ConfigKeys.HEADER + "Authorization")).isEqualTo("taro.socket.chat.header.Authorization");
    }

    /** The messages along the cause chain (CDI containers may wrap a @PostConstruct failure). */
    private static java.util.List<String> messages(Throwable t) {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && all.size() < 10; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return all;
    }
}
