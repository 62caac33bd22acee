package dev.tarosocket.regression;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sends already handed to the container when the manager shuts down never complete: the task meant to fail them is dropped with the scheduler. */
class ShutdownWithSendsInFlightTest {

    private final TestServer server = TestServer.start();
    private final FaultProxy proxy = FaultProxy.start(server.port());

    @AfterEach
    void close() {
        proxy.close();
        server.close();
    }

    @Test
    void sendsInFlightWhenTheManagerShutsDownAllCompleteWithClosedPromptly() {
        SocketManager manager = SocketManager.builder().build();
        List<CompletableFuture<CallbackResult>> sends = new ArrayList<>();
        try {
            SocketTask task = value(manager.connectSocket(proxy.uri("/record").toString()));
            value(task.whenOpen());
            proxy.stall(true); // the peer reads nothing more: writes stay in the container
            String payload = "p".repeat(256 * 1024);
            for (int i = 0; i < 40; i++) {
                sends.add(task.send(payload).toCompletableFuture());
            }
            // the TCP buffers are full: no more sends complete, many are pending
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(Settled.after(3, () -> completed(sends)));
            assertThat(sends.size() - completed(sends)).as("sends pending before close()").isGreaterThan(16);
        } finally {
            long t0 = System.nanoTime();
            manager.close();
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("close() took " + closeMillis + " ms");
        }
        // promptly: not after some timer that the shutdown itself cancels
        await().atMost(Duration.ofMillis(1_000)).untilAsserted(
                () -> assertThat(outcomes(sends)).as("outcomes of the sends").doesNotContainKey("NEVER COMPLETED"));
        assertThat(outcomes(sends).keySet()).as("outcomes of the sends").isSubsetOf("OK", "CLOSED");
    }

    private static int completed(List<CompletableFuture<CallbackResult>> sends) {
        return (int) sends.stream().filter(CompletableFuture::isDone).count();
    }

    private static Map<String, Integer> outcomes(List<CompletableFuture<CallbackResult>> sends) {
        Map<String, Integer> outcome = new TreeMap<>();
        for (CompletableFuture<CallbackResult> f : sends) {
            String k;
            if (!f.isDone()) {
                k = "NEVER COMPLETED";
            } else if (!f.isCompletedExceptionally()) {
                k = "OK";
            } else {
                Throwable e = f.handle((r, x) -> x instanceof CompletionException ? x.getCause() : x).join();
                k = e instanceof SocketException ? ((SocketException) e).code().name() : String.valueOf(e);
            }
            outcome.merge(k, 1, Integer::sum);
        }
        return outcome;
    }
}
