package dev.tarosocket;

import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.StrictSendContainer;
import dev.tarosocket.testing.TestServer;

import jakarta.websocket.WebSocketContainer;

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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers that do not queue a send started while another is in flight: they refuse it, by
 * throwing at once (Tomcat's client) or by reporting "write not allowed" to its handler later, on
 * another thread (Open Liberty's). No caller ever sees the refusal: every send succeeds once, the
 * server receives each message once, and the socket goes on one message at a time. A Tyrus of its
 * own, wrapped by {@link StrictSendContainer}, refuses; the real Tomcat client runs the same sends in
 * {@code SendOrderingTest}'s matrix.
 */
class RefusedConcurrentSendsTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    private final TestServer server = TestServer.start();
    private final ClientContainers.Handle client = ClientContainers.TYRUS.open();
    private final WebSocketContainer tyrus = client.container();

    @AfterEach
    void close() {
        try (client; server) { // the managers are closed by each test
        }
    }

    @Test
    void aContainerThatThrowsGetsSendsOneAtATimeInEachThreadsOrder() throws Exception {
        StrictSendContainer strict = new StrictSendContainer();
        try (SocketManager manager = SocketManager.builder().container(strict.wrap(tyrus)).build()) {
            sendFromEightThreads(manager, "a");
            assertThat(strict.refusals()).as("the container did refuse a concurrent send").isPositive();
            assertInEachThreadsOrder(server.awaitReceived(THREADS * PER_THREAD, Duration.ofSeconds(60)), "a");
        }
    }

    @Test
    void aContainerThatReportsRefusalsLateLosesNothingAndItsNextSocketsSendOneAtATimeFromTheStart() throws Exception {
        StrictSendContainer strict = StrictSendContainer.reportingLate();
        try (SocketManager manager = SocketManager.builder().container(strict.wrap(tyrus)).build()) {
            sendFromEightThreads(manager, "a");
            int refusals = strict.refusals();
            assertThat(refusals).as("the container did refuse a concurrent send").isPositive();
            // each message once (messages handed over after a refused one may have gone first)
            List<String> first = server.awaitReceived(THREADS * PER_THREAD, Duration.ofSeconds(60));
            assertThat(first).doesNotHaveDuplicates().hasSize(THREADS * PER_THREAD);

            sendFromEightThreads(manager, "b"); // a new socket of the same implementation
            assertThat(strict.refusals()).as("refusals on the second socket").isEqualTo(refusals);
            List<String> all = server.awaitReceived(2 * THREADS * PER_THREAD, Duration.ofSeconds(60));
            assertInEachThreadsOrder(all.subList(THREADS * PER_THREAD, all.size()), "b");
        }
    }

    /** A new socket; 8 threads × 500 sends, started together; every send succeeds; the socket closes. */
    private void sendFromEightThreads(SocketManager manager, String prefix) throws Exception {
        SocketTask task = value(manager.connectSocket(server.uri("/record").toString()));
        value(task.whenOpen());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<CompletionStage<CallbackResult>>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<CompletionStage<CallbackResult>> stages = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        stages.add(task.send(prefix + thread + ":" + i));
                    }
                    return stages;
                }));
            }
            List<CompletableFuture<CallbackResult>> sends = new ArrayList<>();
            for (Future<List<CompletionStage<CallbackResult>>> f : futures) {
                f.get(60, TimeUnit.SECONDS).forEach(stage -> sends.add(stage.toCompletableFuture()));
            }
            // 4,000 sends one at a time, each report handed over through the common pool: on a busy
            // machine that takes far longer than one send's usual wait, so wait for all of them
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            for (CompletableFuture<CallbackResult> send : sends) {
                assertThat(value(send).errMsg()).isEqualTo("sendSocketMessage:ok");
            }
        } finally {
            pool.shutdown();
        }
        value(task.close());
    }

    private static void assertInEachThreadsOrder(List<String> received, String prefix) {
        assertThat(received).hasSize(THREADS * PER_THREAD);
        Map<Integer, Integer> next = new HashMap<>();
        for (String m : received) {
            assertThat(m).startsWith(prefix);
            int thread = Integer.parseInt(m.substring(prefix.length(), m.indexOf(':')));
            int seq = Integer.parseInt(m.substring(m.indexOf(':') + 1));
            assertThat(seq).as("order of thread " + thread).isEqualTo(next.getOrDefault(thread, 0));
            next.put(thread, seq + 1);
        }
    }
}
