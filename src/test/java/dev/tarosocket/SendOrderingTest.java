package dev.tarosocket;

import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.StrictSendContainer;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Concurrent sends are serialized in order; every call completes exactly once, also when the socket
 * dies; on each client container.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class SendOrderingTest {

    private final ClientContainers containers;
    private final TestServer server = TestServer.start();
    private final ClientContainers.Handle client;
    private final SocketManager manager;

    SendOrderingTest(ClientContainers containers) {
        this.containers = containers;
        client = containers.open();
        manager = SocketManager.builder().container(client.container()).build();
    }

    @AfterEach
    void close() {
        try (client; server) { // closed after the manager: the server, then the container
            manager.close();
        }
    }

    @Test
    void sixteenThreadsTimesAThousandSendsAllSucceedInPerThreadOrder() throws Exception {
        int threads = 16;
        int perThread = 1_000;
        SocketTask task = value(manager.connectSocket(server.uri("/record").toString()));
        value(task.whenOpen());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<CompletionStage<CallbackResult>>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<CompletionStage<CallbackResult>> stages = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    stages.add(task.send(thread + ":" + i));
                }
                return stages;
            }));
        }
        List<CompletableFuture<CallbackResult>> all = new ArrayList<>();
        for (Future<List<CompletionStage<CallbackResult>>> f : futures) {
            f.get(30, TimeUnit.SECONDS).forEach(s -> all.add(s.toCompletableFuture()));
        }
        pool.shutdown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(all).allSatisfy(s -> assertThat(s.join().errMsg()).isEqualTo("sendSocketMessage:ok"));

        List<String> received = server.awaitReceived(threads * perThread, Duration.ofSeconds(30));
        assertThat(received).hasSize(threads * perThread);
        Map<Integer, Integer> next = new HashMap<>();
        for (String m : received) {
            String[] parts = m.split(":");
            int thread = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertThat(seq).as("order of thread " + thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, seq + 1);
        }
        assertThat(task.bufferedAmount()).isZero();
    }

    @Test
    void everySendCompletesExactlyOnceWhenTheServerGoesAwayWithSendsPending() throws Exception {
        SocketTask task = value(manager.connectSocket(server.uri("/record").toString()));
        value(task.whenOpen());
        List<CallLog> logs = new ArrayList<>();
        List<CompletionStage<CallbackResult>> stages = new ArrayList<>();
        String payload = "p".repeat(64 * 1024);
        for (int i = 0; i < 200; i++) {
            CallLog log = new CallLog();
            logs.add(log);
            stages.add(log.recordStage(task.send(log.recordOn(SendSocketMessageOption.builder().data(payload)).build())));
            if (i == 20) {
                server.stop();
            }
        }
        CompletableFuture<?>[] all = stages.stream().map(s -> s.toCompletableFuture().handle((v, e) -> null))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(all).get(20, TimeUnit.SECONDS);
        value(task.whenClosed());
        int ok = 0;
        for (CallLog log : logs) {
            log.awaitDone();
            List<String> e = log.entries();
            assertThat(e).hasSize(3);
            if (e.get(0).startsWith("success:")) {
                assertThat(e).containsExactly("success:sendSocketMessage:ok", "complete:sendSocketMessage:ok", "stage:ok");
                ok++;
            } else {
                assertThat(e.get(0)).startsWith("fail:sendSocketMessage:fail ");
                assertThat(e.get(1)).isEqualTo("complete:" + e.get(0).substring("fail:".length()));
                assertThat(e.get(2)).isEqualTo("stage:fail " + e.get(0).substring("fail:".length()));
            }
        }
        assertThat(ok).as("sends reported written").isLessThan(200);
        assertThat(manager.sockets()).isEmpty();
        assertThat(task.bufferedAmount()).isZero();
    }
}
