package dev.tarosocket.regression;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that waits on its own socket's send, or closes the whole manager, must not stall:
 * today a send with callbacks completes on the lane the listener blocks, and close() waits on that lane.
 */
class CallsFromListenersTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aListenerThatWaitsForASendWithCallbacksSeesItComplete() throws Exception {
        try (SocketManager manager = SocketManager.builder().build()) {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            AtomicBoolean successCalled = new AtomicBoolean();
            SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .onMessage(message -> {
                        if (!message.text().equals("question")) {
                            return;
                        }
                        SendSocketMessageOption answer = SendSocketMessageOption.builder().data("answer")
                                .success(r -> successCalled.set(true)).build();
                        try {
                            CallbackResult r = message.task().send(answer).toCompletableFuture().get(3, TimeUnit.SECONDS);
                            outcome.complete(r.errMsg());
                        } catch (TimeoutException e) {
                            outcome.complete("the send's stage did not complete within 3 s");
                        } catch (Exception e) {
                            outcome.complete("failed: " + e);
                        }
                    })
                    .build()));
            value(task.whenOpen());
            value(task.send("question"));
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo("sendSocketMessage:ok");
            assertThat(successCalled).isTrue();
        }
    }

    @Test
    void closingTheManagerFromAListenerReturnsPromptlyWithoutInterruptingTheCaller() throws Exception {
        SocketManager manager = SocketManager.builder().build();
        try {
            CompletableFuture<Long> tookMillis = new CompletableFuture<>();
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .onOpen(open -> {
                        long t0 = System.nanoTime();
                        manager.close();
                        tookMillis.complete((System.nanoTime() - t0) / 1_000_000);
                        interrupted.complete(Thread.currentThread().isInterrupted());
                    })
                    .build());
            // well under the 5 s shutdown grace
            assertThat(tookMillis.get(3, TimeUnit.SECONDS)).as("ms close() took inside onOpen").isLessThan(2_000);
            assertThat(interrupted.get(1, TimeUnit.SECONDS)).as("listener thread interrupted").isFalse();
        } catch (TimeoutException e) {
            throw new AssertionError("close() called from onOpen had not returned after 3 s", e);
        } finally {
            manager.close();
        }
    }
}
