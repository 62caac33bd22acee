package dev.tarosocket.health;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.MicroProfileConfigs;
import dev.tarosocket.testing.TestServer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The readiness check, as the application activates it: a one-line @Readiness subclass. */
class SocketsReadinessCheckTest {

    /** What the README tells applications to write. */
    @Readiness
    @ApplicationScoped
    static class AppReadiness extends SocketsReadinessCheck {
    }

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void configuredNamedSocketIsDownUntilOpenThenUpThenDownAgainWhenClosed() {
        try (MicroProfileConfigs ignored = MicroProfileConfigs.with(Map.of("taro.socket.chat.url", server.uri("/echo").toString()));
             WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(SocketManager.class, AppReadiness.class).initialize()) {
            HealthCheck check = cdi.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            SocketManager sockets = cdi.select(SocketManager.class).get();

            HealthCheckResponse before = check.call();
            assertThat(before.getName()).isEqualTo("taro-socket");
            assertThat(before.getStatus()).isEqualTo(Status.DOWN);
            assertThat(before.getData()).get().satisfies(d -> assertThat(d).containsEntry("chat", "CLOSED"));

            SocketTask chat = value(sockets.connectSocket(ConnectSocketOption.named("chat")));
            value(chat.whenOpen());
            HealthCheckResponse open = check.call();
            assertThat(open.getStatus()).isEqualTo(Status.UP);
            assertThat(open.getData()).get().satisfies(d -> assertThat(d).containsEntry("chat", "OPEN").containsEntry("sockets", 1L));

            value(chat.close());
            value(chat.whenClosed());
            await().atMost(Duration.ofSeconds(5)).until(() -> check.call().getStatus() == Status.DOWN);
            assertThat(check.call().getData()).get().satisfies(d -> assertThat(d).containsEntry("chat", "CLOSED"));
        }
    }

    @Test
    void withoutCdiASocketNamedInCodeIsReportedWhileItLivesAndUnnamedOnesOnlyCounted() {
        try (SocketManager sockets = SocketManager.builder().build()) {
            SocketsReadinessCheck check = new SocketsReadinessCheck(sockets, dev.tarosocket.config.ConfigSource.of(Map.of()));
            assertThat(check.call().getStatus()).isEqualTo(Status.UP);
            SocketTask unnamed = value(sockets.connectSocket(server.uri("/echo").toString()));
            SocketTask feed = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString()).name("feed").build()));
            value(unnamed.whenOpen());
            value(feed.whenOpen());
            assertThat(check.call().getStatus()).isEqualTo(Status.UP);
            assertThat(check.call().getData()).get().satisfies(d -> assertThat(d).containsEntry("feed", "OPEN").containsEntry("sockets", 2L));
            value(unnamed.close());
            value(unnamed.whenClosed());
            assertThat(check.call().getStatus()).isEqualTo(Status.UP);
        }
    }
}
