package dev.tarosocket.resilience;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.EventRecorder;
import dev.tarosocket.ReadyState;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketExceptions;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketReconnectingEvent;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.Closer;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reconnect after abnormal ends, with the same SocketTask; never after the application's own close; on each client container. */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class ReconnectTest {

    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .minDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(400)).jitter(0).maxAttempts(20).build();

    private final Closer closer = new Closer();
    private final SocketManager manager;

    ReconnectTest(ClientContainers containers) {
        // the closer closes the handle last, after the manager and every server of the test
        ClientContainers.Handle client = track(containers.open());
        manager = track(SocketManager.builder().container(client.container()).build());
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private <T extends AutoCloseable> T track(T resource) {
        return closer.add(resource);
    }

    @Test
    void serverRestartOnTheSamePortReconnectsTheSameTaskAndDeliversQueuedMessagesOnceInOrder() {
        TestServer server = track(TestServer.startRestartable());
        int port = server.port();
        AtomicInteger urlAsked = new AtomicInteger();
        ConnectSocketOption.Builder option = ConnectSocketOption.builder()
                .url(() -> {
                    urlAsked.incrementAndGet();
                    return "ws://127.0.0.1:" + port + "/record";
                })
                .reconnect(FAST);
        List<SocketReconnectingEvent> reconnecting = new CopyOnWriteArrayList<>();
        List<Integer> opens = new CopyOnWriteArrayList<>();
        option.onReconnecting(reconnecting::add).onOpen(o -> opens.add(opens.size() + 1));
        SocketTask task = value(manager.connectSocket(option.build()));
        value(task.whenOpen());
        long id = task.socketTaskId();

        server.close(); // TCP drop: the client sees 1006
        await().atMost(Duration.ofSeconds(5)).until(() -> reconnecting.size() >= 2);
        assertThat(task.readyState()).isEqualTo(ReadyState.CONNECTING);
        List<CompletionStage<?>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(task.send("queued-" + i));
        }
        TestServer again = track(TestServer.start(port));
        await().atMost(Duration.ofSeconds(10)).until(() -> opens.size() == 2);
        queued.forEach(SocketExceptions::value);
        assertThat(again.awaitReceived(5, Duration.ofSeconds(5)))
                .containsExactly("queued-0", "queued-1", "queued-2", "queued-3", "queued-4");
        assertThat(task.socketTaskId()).isEqualTo(id);
        assertThat(manager.sockets()).containsExactly(task);
        assertThat(task.readyState()).isEqualTo(ReadyState.OPEN);
        assertThat(urlAsked.get()).as("the URL supplier is asked on every attempt").isEqualTo(1 + reconnecting.size());

        // backoff: 50, 100, 200, 400, 400 ms ... without jitter
        for (int i = 0; i < reconnecting.size(); i++) {
            SocketReconnectingEvent e = reconnecting.get(i);
            assertThat(e.attempt()).isEqualTo(i + 1);
            assertThat(e.delay()).isEqualTo(Duration.ofMillis(Math.min(400, 50L << i)));
        }
        assertThat(reconnecting.get(0).errMsg()).contains("1006");
    }

    @Test
    void aDroppedConnectionFiresErrorAndReconnectingButNoCloseAndTheListenersStayAttached() {
        TestServer server = track(TestServer.start());
        FaultProxy proxy = track(FaultProxy.start(server.port()));
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(proxy.uri("/echo").toString()).reconnect(FAST);
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        events.nextOpen();
        value(task.send("before"));
        assertThat(events.nextMessage().text()).isEqualTo("before");

        proxy.resetAll();
        assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.TRANSPORT);
        assertThat(events.next(SocketReconnectingEvent.class).attempt()).isEqualTo(1);
        assertThat(events.next(dev.tarosocket.event.SocketReconnectedEvent.class).attempts()).isEqualTo(1);
        events.nextOpen();
        value(task.send("after"));
        assertThat(events.nextMessage().text()).isEqualTo("after");
        value(task.close());
        SocketCloseEvent close = events.nextClose();
        assertThat(close.code()).isEqualTo(1000);
        events.assertExhausted();
    }

    @Test
    void noReconnectAfterTheApplicationsOwnClose() {
        TestServer server = track(TestServer.start());
        List<SocketReconnectingEvent> reconnecting = new CopyOnWriteArrayList<>();
        SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .reconnect(FAST).onReconnecting(reconnecting::add).build()));
        value(task.whenOpen());
        value(task.close());
        assertThat(value(task.whenClosed()).code()).isEqualTo(1000);
        assertThat(task.readyState()).isEqualTo(ReadyState.CLOSED);
        assertThat(reconnecting).isEmpty();
        assertThat(manager.sockets()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openSessions() == 0);
    }

    @Test
    void aNormalServerCloseIsNotRetried() {
        TestServer server = track(TestServer.start());
        List<SocketReconnectingEvent> reconnecting = new CopyOnWriteArrayList<>();
        SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/close?code=4001&reason=bye").toString())
                .reconnect(FAST).onReconnecting(reconnecting::add).build()));
        assertThat(value(task.whenClosed()).code()).isEqualTo(4001);
        assertThat(reconnecting).isEmpty();
    }

    @Test
    void attemptsStopAtTheMaximumAndTheSocketThenEndsForGood() {
        int port;
        try (TestServer probe = TestServer.start()) {
            port = probe.port();
        }
        ConnectSocketOption.Builder option = ConnectSocketOption.builder("ws://127.0.0.1:" + port + "/echo")
                .reconnect(ReconnectPolicy.builder().minDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20))
                        .maxAttempts(3).build());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        var queued = task.send("never");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
            assertThat(events.next(SocketReconnectingEvent.class).attempt()).isEqualTo(attempt);
        }
        assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
        // queued while reconnecting: CLOSED at the end (NOT_OPEN only if the thread was descheduled past every attempt)
        assertThat(SocketExceptions.failure(queued).code()).isIn(SocketErrorCode.CLOSED, SocketErrorCode.NOT_OPEN);
        assertThat(SocketExceptions.failure(task.whenOpen()).code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void closingWhileWaitingToReconnectEndsTheSocket() {
        TestServer server = track(TestServer.start());
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString())
                .reconnect(ReconnectPolicy.builder().minDelay(Duration.ofSeconds(30)).maxDelay(Duration.ofSeconds(30)).build());
        List<SocketReconnectingEvent> reconnecting = new CopyOnWriteArrayList<>();
        option.onReconnecting(reconnecting::add);
        SocketTask task = value(manager.connectSocket(option.build()));
        value(task.whenOpen());
        server.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> reconnecting.size() == 1);
        value(task.close());
        assertThat(value(task.whenClosed()).code()).isEqualTo(1006);
        assertThat(manager.sockets()).isEmpty();
    }
}
