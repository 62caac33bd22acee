package dev.tarosocket.metrics;

import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.spi.SocketMetrics;
import dev.tarosocket.testing.TestServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Micrometer meters after a known sequence of connects, sends, echoes and failures. */
class MicrometerSocketMetricsTest {

    private final TestServer server = TestServer.start();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countsConnectsMessagesBytesLatencyFailuresByCodeAndCloses() {
        try (SocketManager sockets = SocketManager.builder().metrics(new MicrometerSocketMetrics(registry)).build()) {
            List<Object> echoes = new CopyOnWriteArrayList<>();
            SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .onMessage(m -> echoes.add(m.data())).build()));
            value(task.send("one"));
            value(task.send("two"));
            value(task.send("three"));
            value(task.send(new byte[] {1, 2, 3, 4}));
            await().atMost(Duration.ofSeconds(5)).until(() -> echoes.size() == 4);

            assertThat(failure(sockets.connectSocket("http://127.0.0.1/nope")).code()).isEqualTo(SocketErrorCode.INVALID_URL);
            assertThat(failure(task.close(CloseSocketOption.builder().code(999).build())).code())
                    .isEqualTo(SocketErrorCode.INVALID_CLOSE_CODE);
            assertThat(registry.get("taro.socket.buffered.bytes").gauge().value()).isZero();
            assertThat(registry.get("taro.socket.active").gauge().value()).isEqualTo(1.0);
            value(task.close());
            value(task.whenClosed());

            assertThat(count("taro.socket.connects")).isEqualTo(1);
            assertThat(count("taro.socket.opens")).isEqualTo(1);
            assertThat(registry.get("taro.socket.messages").tags("direction", "out", "type", "text").counter().count()).isEqualTo(3);
            assertThat(registry.get("taro.socket.messages").tags("direction", "out", "type", "binary").counter().count()).isEqualTo(1);
            assertThat(registry.get("taro.socket.messages").tags("direction", "in", "type", "text").counter().count()).isEqualTo(3);
            assertThat(registry.get("taro.socket.messages").tags("direction", "in", "type", "binary").counter().count()).isEqualTo(1);
            assertThat(registry.get("taro.socket.bytes").tags("direction", "out").counter().count()).isEqualTo(3 + 3 + 5 + 4);
            assertThat(registry.get("taro.socket.bytes").tags("direction", "in").counter().count()).isEqualTo(3 + 3 + 5 + 4);
            assertThat(registry.get("taro.socket.send.latency").timer().count()).isEqualTo(4);
            assertThat(registry.get("taro.socket.handshake").timer().count()).isEqualTo(1);
            assertThat(registry.get("taro.socket.failures").tags("api", "connectSocket", "code", "INVALID_URL").counter().count()).isEqualTo(1);
            assertThat(registry.get("taro.socket.failures").tags("api", "closeSocket", "code", "INVALID_CLOSE_CODE").counter().count()).isEqualTo(1);
            assertThat(registry.get("taro.socket.closes").tags("clean", "true").counter().count()).isEqualTo(1);
            assertThat(count("taro.socket.reconnects")).isZero();
            assertThat(registry.get("taro.socket.active").gauge().value()).isZero();
        }
    }

    /** An application's producer, as the README shows it. */
    @ApplicationScoped
    static class MetricsProducer {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        @ApplicationScoped
        SocketMetrics metrics() {
            return new MicrometerSocketMetrics(REGISTRY);
        }
    }

    @Test
    void cdiManagerUsesTheApplicationsSocketMetricsBean() {
        try (WeldContainer cdi = new Weld().disableDiscovery().addBeanClasses(SocketManager.class, MetricsProducer.class).initialize()) {
            SocketManager sockets = cdi.select(SocketManager.class).get();
            SocketTask task = value(sockets.connectSocket(server.uri("/echo").toString()));
            value(task.send("hello"));
            value(task.close());
            value(task.whenClosed());
            MeterRegistry r = MetricsProducer.REGISTRY;
            assertThat(r.get("taro.socket.connects").counter().count()).isEqualTo(1);
            assertThat(r.get("taro.socket.messages").tags("direction", "out", "type", "text").counter().count()).isEqualTo(1);
        }
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }
}
