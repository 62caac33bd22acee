package dev.tarosocket.regression;

import dev.tarosocket.CallLog;
import dev.tarosocket.CallbackResult;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.spi.SocketMetrics;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A SocketMetrics hook that throws breaks exactly-once: the hook runs after a call is marked done and before its callbacks. */
class ThrowingMetricsTest {

    /** The hooks a send's completion runs throw. */
    private static final SocketMetrics BROKEN = new SocketMetrics() {
        @Override
        public void callFailed(String api, SocketErrorCode code) {
            throw new IllegalStateException("metrics broke in callFailed");
        }

        @Override
        public void sent(SocketTask task, boolean text, long bytes, long latencyNanos) {
            throw new IllegalStateException("metrics broke in sent");
        }
    };

    private final TestServer server = TestServer.start();
    private final SocketManager manager = SocketManager.builder().metrics(BROKEN).build();

    @AfterEach
    void close() {
        manager.close();
        server.close();
    }

    @Test
    void aSendThatSucceedsStillGetsOneSuccessOneCompleteAndItsStageWhenTheSentHookThrows() throws Exception {
        SocketTask task = value(manager.connectSocket(server.uri("/record").toString()));
        value(task.whenOpen());
        CallLog log = new CallLog();
        CompletionStage<CallbackResult> stage = log.recordStage(
                task.send(log.recordOn(SendSocketMessageOption.builder().data("counted")).build()));
        assertThat(stage.toCompletableFuture()).as("the send's stage").succeedsWithin(Duration.ofSeconds(3));
        log.assertSucceeded(stage, "sendSocketMessage:ok");
        assertThat(server.awaitReceived(1, Duration.ofSeconds(5))).containsExactly("counted");
    }

    @Test
    void aSendThatFailsStillGetsOneFailOneCompleteAndItsStageWhenTheCallFailedHookThrows() throws Exception {
        SocketTask task = value(manager.connectSocket(ConnectSocketOption.of(server.uri("/record").toString())));
        value(task.whenOpen());
        task.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> task.readyState() == ReadyState.CLOSED);
        CallLog log = new CallLog();
        CompletionStage<CallbackResult> stage;
        try {
            stage = log.recordStage(task.send(log.recordOn(SendSocketMessageOption.builder().data("too late")).build()));
        } catch (RuntimeException e) {
            throw new AssertionError("send() threw instead of completing its call: " + e, e);
        }
        assertThat(stage.toCompletableFuture()).as("the send's stage").failsWithin(Duration.ofSeconds(3));
        log.awaitDone();
        assertThat(log.entries()).hasSize(3);
        assertThat(log.entries().get(0)).startsWith("fail:sendSocketMessage:fail");
        assertThat(log.entries().get(1)).isEqualTo("complete:" + log.entries().get(0).substring("fail:".length()));
        assertThat(log.entries().get(2)).isEqualTo("stage:fail " + log.entries().get(0).substring("fail:".length()));
    }
}
