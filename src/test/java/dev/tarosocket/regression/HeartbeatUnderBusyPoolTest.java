package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The heartbeat's ping is queued on the pool that runs user listeners after its deadline started, so slow listeners of other sockets kill a healthy idle connection. */
class HeartbeatUnderBusyPoolTest {

    /** More slow sockets than the manager's own delivery pool has threads (max(8, 4 x cores)). */
    private static final int SLOW_SOCKETS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors()) + 2;

    private final TestServer server = TestServer.start();
    private final SocketManager manager = SocketManager.builder()
            .settings(SocketSettings.builder().maxSockets(SLOW_SOCKETS + 1).build()).build();
    private final CountDownLatch release = new CountDownLatch(1); // lets the slow listeners return

    @AfterEach
    void close() {
        release.countDown();
        manager.close();
        server.close();
    }

    @Test
    void aHeartbeatNeverKillsAHealthyIdleSocketWhileOtherSocketsListenersKeepThePoolBusy() {
        List<String> heartbeatTrouble = new CopyOnWriteArrayList<>();
        SocketTask idle = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .heartbeat(Heartbeat.every(Duration.ofMillis(300)).timeout(Duration.ofMillis(1_000)))
                .onError(e -> heartbeatTrouble.add("error " + e.code() + ": " + e.errMsg()))
                .onClose(e -> heartbeatTrouble.add("close " + e.code()))
                .build()));
        value(idle.whenOpen());

        AtomicInteger busy = new AtomicInteger();
        List<SocketTask> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_SOCKETS; i++) {
            SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .onMessage(m -> {
                        busy.incrementAndGet();
                        awaitQuietly(release); // a slow but legitimate listener
                    })
                    .build()));
            value(task.whenOpen());
            slow.add(task);
        }
        for (SocketTask task : slow) {
            for (int k = 0; k < 3; k++) {
                task.send("work-" + k);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> busy.get() >= SLOW_SOCKETS - 2);

        // several heartbeat rounds with every delivery thread taken
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(idle.readyState()).as("readyState of the idle heartbeat socket").isEqualTo(ReadyState.OPEN);
            assertThat(heartbeatTrouble).as("events of the idle heartbeat socket").isEmpty();
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(8, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
