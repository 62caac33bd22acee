package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connectSocket that passed the shut-down check before close() ran is accepted afterwards and its socket is never closed. */
class ConnectRacingShutdownTest {

    private final TestServer server = TestServer.start();
    // not the manager's own executors: as with a server's managed executors, they outlive close()
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        executor.shutdownNow();
        scheduler.shutdownNow();
        server.close();
    }

    @Test
    void aConnectRacingCloseEitherFailsClosedOrItsSocketEndsClosedNeverOpen() throws Exception {
        SocketManager manager = SocketManager.builder().executors(executor, scheduler).build();
        CountDownLatch inSupplier = new CountDownLatch(1);
        List<String> opensAfterClose = new CopyOnWriteArrayList<>();
        CountDownLatch closeReturned = new CountDownLatch(1);
        ConnectSocketOption option = ConnectSocketOption.builder()
                .url(() -> {
                    inSupplier.countDown();
                    awaitQuietly(release);
                    return server.uri("/echo").toString();
                })
                .onOpen(open -> {
                    if (closeReturned.getCount() == 0) {
                        opensAfterClose.add("open after close() returned");
                    }
                })
                .build();
        CompletableFuture<SocketTask> connected = CompletableFuture.supplyAsync(
                () -> manager.connectSocket(option).toCompletableFuture().join());
        assertThat(inSupplier.await(5, TimeUnit.SECONDS)).as("the connect is asking for its URL").isTrue();

        manager.close();
        closeReturned.countDown();
        release.countDown();

        SocketTask task;
        try {
            task = connected.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ? e.getCause().getCause() : e.getCause();
            assertThat(cause).isInstanceOf(SocketException.class);
            assertThat(((SocketException) cause).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(server.openSessions()).isZero();
            return;
        }
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(task.readyState())
                .as("readyState of the socket accepted while close() ran").isEqualTo(ReadyState.CLOSED));
        assertThat(opensAfterClose).as("open events after close() returned").isEmpty();
        server.awaitOpenSessions(0, Duration.ofSeconds(3));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
