package dev.tarosocket.resilience;

import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.EventRecorder;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.spi.SocketMetrics;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.Closer;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.HostileServer;
import dev.tarosocket.testing.HostileServer.Behavior;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix: broken peers and broken networks, each ending with exactly one error event and
 * one close event, pending calls failed, and the slot free; on each client container.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class FaultMatrixTest {

    private final ClientContainers containers;
    private final Closer closer = new Closer();
    private final ClientContainers.Handle client;
    private final SocketManager manager;

    FaultMatrixTest(ClientContainers containers) {
        this.containers = containers;
        // the closer closes the handle last, after every manager and server of the test
        client = track(containers.open());
        manager = track(SocketManager.builder().container(client.container())
                .settings(SocketSettings.builder().closeTimeout(Duration.ofMillis(500))
                        .sendTimeout(Duration.ofSeconds(2)).maxMessageBytes(64 * 1024).build())
                .build());
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return closer.add(resource);
    }

    @ParameterizedTest
    @EnumSource(value = Behavior.class, names = {"ANSWER_401", "ANSWER_404", "ANSWER_503"})
    void aNon101AnswerFailsTheHandshakeWithItsStatus(Behavior behavior) {
        HostileServer hostile = track(HostileServer.start(behavior));
        String status = behavior.name().substring("ANSWER_".length());
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(hostile.uri().toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        var pending = task.send("pending");
        SocketErrorEvent error = events.nextError();
        assertThat(error.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(error.errMsg()).isEqualTo("connectSocket:fail handshake failed: the server answered HTTP "
                + status + " instead of 101");
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
        // queued before the (fast) failure: CLOSED; made after it: NOT_OPEN; never a success
        assertThat(failure(pending).code()).isIn(SocketErrorCode.CLOSED, SocketErrorCode.NOT_OPEN);
        assertThat(manager.sockets()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Behavior.class, names = {"BAD_ACCEPT", "RESERVED_BITS", "OVERSIZED_FRAME", "INVALID_UTF8",
            "BAD_CLOSE_CODE", "ECHO_THEN_DROP"})
    void aMisbehavingPeerEndsTheSocketWithOneErrorThenOneClose(Behavior behavior) {
        HostileServer hostile = track(HostileServer.start(behavior));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(hostile.uri().toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        var pending = task.send("hello"); // ECHO_THEN_DROP answers it; the others end the socket first
        CloseCollector collected = CloseCollector.drain(events);
        assertThat(pending.toCompletableFuture().handle((v, e) -> "completed")).succeedsWithin(Duration.ofSeconds(5));
        assertThat(collected.errors).as("error events").hasSize(1);
        assertThat(collected.close.wasClean() && collected.close.code() == 1000).as("not a normal close").isFalse();
        assertThat(value(task.whenClosed())).isSameAs(collected.close);
        events.assertExhausted();
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void garbageAfterAProperCloseEndsCleanlyWithTheCloseCode() {
        HostileServer hostile = track(HostileServer.start(Behavior.GARBAGE_AFTER_CLOSE));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(hostile.uri().toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        CloseCollector collected = CloseCollector.drain(events);
        if (containers == ClientContainers.UNDERTOW && collected.close.code() != 1000) {
            // Undertow keeps parsing after the peer's close frame: the random bytes fail as a corrupt
            // frame and it ends with its own 1003 "UT002015: Extensions not allowed but received rsv
            // of n" plus onError; a protocol error then, which is one error event before the close
            assertThat(collected.errors).as("error events before the close").hasSize(1);
        } else {
            assertThat(collected.close.code()).isEqualTo(1000);
            assertThat(collected.errors).isEmpty();
        }
        assertThat(value(task.whenClosed())).isSameAs(collected.close);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void aHandshakeThatIsNeverAnsweredTimesOut() {
        HostileServer hostile = track(HostileServer.start(Behavior.NEVER_ANSWER));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(hostile.uri().toString()).timeout(Duration.ofMillis(300));
        EventRecorder events = EventRecorder.on(option);
        value(manager.connectSocket(option.build()));
        assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.TIMEOUT);
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
    }

    @Test
    void anAbruptResetFiresATransportErrorThenClose1006AndFailsNothingTwice() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(proxy.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        events.nextOpen();
        proxy.resetAll();
        assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.TRANSPORT);
        SocketCloseEvent close = events.nextClose();
        assertThat(close.code()).isEqualTo(1006);
        assertThat(close.wasClean()).isFalse();
        events.assertExhausted();
        assertThat(failure(task.send("late")).code()).isEqualTo(SocketErrorCode.NOT_OPEN);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void aHalfOpenConnectionIsDetectedByTheHeartbeatWithinIntervalPlusTimeout() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(proxy.uri("/silent").toString())
                .heartbeat(Heartbeat.every(Duration.ofMillis(200)).timeout(Duration.ofMillis(200)));
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        events.nextOpen();
        value(task.send("alive"));
        proxy.stall(true);
        long stalled = System.nanoTime();
        SocketErrorEvent error = events.nextError();
        long detectedMillis = (System.nanoTime() - stalled) / 1_000_000;
        assertThat(error.code()).isEqualTo(SocketErrorCode.TIMEOUT);
        assertThat(error.errMsg()).isEqualTo("onSocketError:fail no heartbeat answer within 200 ms");
        assertThat(detectedMillis).as("detected within interval + timeout (+ scheduling slack)").isLessThan(1_500);
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
    }

    @Test
    void aTextHeartbeatIsAnsweredByTheExpectedReplyWhichIsNotDeliveredAsAMessage() {
        TestServer server = track(TestServer.start());
        AtomicInteger textSent = new AtomicInteger();
        SocketManager counting = track(SocketManager.builder().container(client.container()).metrics(new SocketMetrics() {
            @Override
            public void sent(SocketTask task, boolean text, long bytes, long latencyNanos) {
                textSent.incrementAndGet();
            }
        }).build());
        // the echo endpoint answers "ping" with "ping": a text heartbeat expecting "ping" stays alive
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString())
                .heartbeat(Heartbeat.every(Duration.ofMillis(50)).timeout(Duration.ofMillis(500)).text("ping", "ping"));
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(counting.connectSocket(option.build()));
        events.nextOpen();
        await().atMost(Duration.ofSeconds(5)).until(() -> textSent.get() >= 12); // 12 pings: > 500 ms of heartbeats
        value(task.send("real"));
        assertThat(events.nextMessage().text()).isEqualTo("real");
        value(task.close());
        assertThat(events.nextClose().code()).isEqualTo(1000);
        events.assertExhausted();
    }

    @Test
    void aPeerThatIgnoresTheCloseIsForcedAfterTheCloseTimeout() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(proxy.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        events.nextOpen();
        proxy.stall(true);
        value(task.close(CloseSocketOption.builder().code(4000).build()));
        CloseCollector collected = CloseCollector.drain(events);
        // either the container gives up on its own, or our 500 ms close timeout forces it; once either way
        assertThat(collected.close).isNotNull();
        assertThat(value(task.whenClosed())).isSameAs(collected.close);
        events.assertExhausted();
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void anIncomingMessageOverTheLimitEndsTheSocketWith1009AndAnError() {
        TestServer server = track(TestServer.start());
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        events.nextOpen();
        task.send("x".repeat(64 * 1024 + 1)); // the server echoes it back: over this manager's 64 KiB
        CloseCollector collected = CloseCollector.drain(events);
        assertThat(collected.errors).hasSize(1);
        assertThat(collected.close.code()).isEqualTo(1009);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void aSendTheTransportCannotCompleteFailsWithTimeoutAndEndsTheConnection() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        SocketManager strictTimes = track(SocketManager.builder().container(client.container()).settings(SocketSettings.builder()
                .sendTimeout(Duration.ofMillis(500)).maxBufferedBytes(256L * 1024 * 1024).build()).build());
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(proxy.uri("/record").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(strictTimes.connectSocket(option.build()));
        events.nextOpen();
        proxy.stall(true); // the peer stops reading: socket buffers fill, writes cannot complete
        List<java.util.concurrent.CompletionStage<dev.tarosocket.CallbackResult>> sends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sends.add(task.send(new byte[8 * 1024 * 1024]));
        }
        CloseCollector collected = CloseCollector.drain(events);
        assertThat(collected.errors).hasSize(1);
        assertThat(collected.errors.get(0).code()).isEqualTo(SocketErrorCode.TIMEOUT);
        assertThat(collected.errors.get(0).errMsg()).isEqualTo("onSocketError:fail a send did not complete within 500 ms");
        assertThat(collected.close.code()).isEqualTo(1006);
        List<SocketErrorCode> outcomes = new ArrayList<>();
        for (var stage : sends) {
            outcomes.add(stage.toCompletableFuture().handle((v, e) -> e == null ? null : failure(stage).code()).join());
        }
        assertThat(outcomes).as("the stuck send timed out; the rest failed, none hangs").contains(SocketErrorCode.TIMEOUT);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void aMessagePastItsDeadlineFailsWithTimeoutInsteadOfBeingSentLate() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        proxy.stall(true); // the handshake cannot complete while stalled
        SocketTask task = value(manager.connectSocket(proxy.uri("/record").toString()));
        var stale = task.send(SendSocketMessageOption.builder().data("stale").deadline(Duration.ofMillis(100)).build());
        var fresh = task.send("fresh");
        long called = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - called > 150_000_000L);
        proxy.passThrough();
        value(fresh);
        SocketException e = failure(stale);
        assertThat(e.code()).isEqualTo(SocketErrorCode.TIMEOUT);
        assertThat(e.errMsg()).isEqualTo("sendSocketMessage:fail the message passed its deadline before it could be sent");
        assertThat(server.awaitReceived(1, Duration.ofSeconds(5))).containsExactly("fresh");
    }

    /** Takes events until the close event, keeping the error events seen on the way. */
    static final class CloseCollector {
        final List<SocketErrorEvent> errors = new ArrayList<>();
        SocketCloseEvent close;

        static CloseCollector drain(EventRecorder events) {
            CloseCollector c = new CloseCollector();
            while (c.close == null) {
                var e = events.next(dev.tarosocket.event.SocketEvent.class);
                if (e instanceof SocketErrorEvent) {
                    c.errors.add((SocketErrorEvent) e);
                } else if (e instanceof SocketCloseEvent) {
                    c.close = (SocketCloseEvent) e;
                }
            }
            return c;
        }
    }
}
