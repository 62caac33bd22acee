package dev.tarosocket.resilience;

import dev.tarosocket.CallLog;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several threads send while the proxy cuts or resets the connection and the server restarts.
 * Every call must get exactly one success or fail, one complete and one stage completion, and every
 * message the server saw must have been reported as a success. Fixed seeds; bounded in count and time.
 */
class ExactlyOnceUnderFaultsTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 250;
    private static final int FAULTS = 6;

    /** Seeds 1..N, N = {@code taro.soak.seeds} (3 by default; the {@code soak} profile runs 50). */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("taro.soak.seeds", 3));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCallCompletesExactlyOnceAndNothingTheServerSawWasReportedFailed(long seed) throws Exception {
        Random random = new Random(seed);
        List<TestServer> servers = new ArrayList<>();
        TestServer first = TestServer.startRestartable();
        servers.add(first);
        int port = first.port();
        FaultProxy proxy = FaultProxy.start(port);
        SocketManager manager = SocketManager.builder()
                .settings(SocketSettings.builder().sendTimeout(Duration.ofSeconds(5)).build()).build();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        Map<String, CallLog> calls = new ConcurrentHashMap<>();
        try {
            // Tyrus does not notice a connection closed during the handshake (the proxy does that while the
            // server restarts): only the handshake timeout ends such an attempt, so it is short here
            SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(proxy.uri("/record").toString())
                    .timeout(Duration.ofSeconds(2))
                    .reconnect(ReconnectPolicy.builder().minDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100))
                            .maxAttempts(ReconnectPolicy.UNLIMITED).build())
                    .build()));
            value(task.whenOpen());
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(senders.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        String message = thread + ":" + i;
                        CallLog log = new CallLog();
                        calls.put(message, log);
                        var stage = log.recordStage(task.send(log.recordOn(SendSocketMessageOption.builder().data(message)).build()));
                        if (i % 10 == 0) {
                            stage.toCompletableFuture().handle((v, e) -> null).get(30, TimeUnit.SECONDS);
                        }
                    }
                    return null;
                }));
            }
            for (int f = 0; f < FAULTS; f++) {
                int target = (f + 1) * THREADS * PER_THREAD / (FAULTS + 2) + random.nextInt(50);
                await().atMost(Duration.ofSeconds(20)).until(() -> calls.size() >= target);
                switch (random.nextInt(3)) {
                    case 0:
                        proxy.cutAll();
                        break;
                    case 1:
                        proxy.resetAll();
                        break;
                    default:
                        servers.get(servers.size() - 1).close();
                        servers.add(TestServer.start(port));
                }
            }
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(calls).hasSize(THREADS * PER_THREAD);
            CompletableFuture.allOf(calls.values().stream().map(log -> CompletableFuture.runAsync(() -> {
                try {
                    log.awaitDone();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            })).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            Set<String> succeeded = new HashSet<>();
            calls.forEach((message, log) -> {
                List<String> entries = log.entries();
                assertThat(entries).as(message).hasSize(3);
                if (entries.get(0).startsWith("success:")) {
                    assertThat(entries).containsExactly("success:sendSocketMessage:ok", "complete:sendSocketMessage:ok", "stage:ok");
                    succeeded.add(message);
                } else {
                    String errMsg = entries.get(0).substring("fail:".length());
                    assertThat(errMsg).startsWith("sendSocketMessage:fail ");
                    assertThat(entries).containsExactly("fail:" + errMsg, "complete:" + errMsg, "stage:fail " + errMsg);
                }
            });
            Set<String> seen = new HashSet<>();
            servers.forEach(s -> seen.addAll(s.received()));
            assertThat(succeeded).as("every message the server saw was reported a success").containsAll(seen);
            assertThat(succeeded.size()).as("most messages got through").isGreaterThan(THREADS * PER_THREAD / 2);

            // and the close, while the proxy resets whatever connection the socket has now
            CallLog close = new CallLog();
            var closing = close.recordStage(task.close(close.recordOn(dev.tarosocket.CloseSocketOption.builder()).build()));
            proxy.resetAll();
            close.awaitDone();
            List<String> entries = close.entries();
            if (entries.get(0).startsWith("success:")) {
                assertThat(entries).containsExactly("success:closeSocket:ok", "complete:closeSocket:ok", "stage:ok");
            } else {
                String errMsg = entries.get(0).substring("fail:".length());
                assertThat(entries).containsExactly("fail:" + errMsg, "complete:" + errMsg, "stage:fail " + errMsg);
            }
            assertThat(closing.toCompletableFuture()).isDone();
            value(task.whenClosed());
            assertThat(manager.sockets()).isEmpty();
        } finally {
            senders.shutdownNow();
            manager.close();
            proxy.close();
            servers.forEach(TestServer::close);
        }
    }
}
