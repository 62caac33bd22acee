package dev.tarosocket;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Open, message, close and error as users see them, on each client container, against a real Tyrus server on 127.0.0.1. */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class SocketLifecycleTest {

    private final TestServer server = TestServer.start();
    private final ClientContainers.Handle client;
    private final SocketManager manager;

    SocketLifecycleTest(ClientContainers containers) {
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
    void echoRoundTripDeliversOpenMessageAndCleanClose() throws Exception {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        CallLog connect = new CallLog();
        var stage = connect.recordStage(manager.connectSocket(connect.recordOn(option).build()));
        connect.assertSucceeded(stage, "connectSocket:ok");
        SocketTask task = value(stage);

        SocketOpenEvent open = events.nextOpen();
        assertThat(open.task()).isSameAs(task);
        assertThat(task.readyState()).isEqualTo(ReadyState.OPEN);
        assertThat(open.profile().handshakeCost()).isGreaterThanOrEqualTo(0);
        assertThat(open.profile().cost()).isGreaterThanOrEqualTo(open.profile().handshakeCost());

        CallLog send = new CallLog();
        var sent = send.recordStage(task.send(send.recordOn(SendSocketMessageOption.builder().data("hello")).build()));
        send.assertSucceeded(sent, "sendSocketMessage:ok");
        SocketMessageEvent echo = events.nextMessage();
        assertThat(echo.data()).isEqualTo("hello");
        assertThat(echo.isText()).isTrue();

        CallLog close = new CallLog();
        var closed = close.recordStage(task.close(close.recordOn(CloseSocketOption.builder().code(3001).reason("done")).build()));
        close.assertSucceeded(closed, "closeSocket:ok");
        SocketCloseEvent ce = events.nextClose();
        assertThat(ce.code()).isEqualTo(3001);
        assertThat(ce.reason()).isEqualTo("done");
        assertThat(ce.wasClean()).isTrue();
        assertThat(value(task.whenClosed())).isSameAs(ce);
        assertThat(server.awaitClose(Duration.ofSeconds(5)).getCloseCode().getCode()).isEqualTo(3001);
        events.assertExhausted();
        assertThat(task.readyState()).isEqualTo(ReadyState.CLOSED);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void serverCloseCarriesItsCodeAndReasonAndFreesTheSlotWithoutAnyListener() {
        List<SocketTask> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(value(manager.connectSocket(server.uri("/echo").toString())));
        }
        SocketException sixth = failure(manager.connectSocket(server.uri("/echo").toString()));
        assertThat(sixth.code()).isEqualTo(SocketErrorCode.TOO_MANY_SOCKETS);
        assertThat(sixth.errMsg()).isEqualTo(
                "connectSocket:fail too many sockets: at most 5 may be open at once (taro.socket.max-sockets)");

        // a socket the server closes with 4001 "bye", with no close listener of any kind
        SocketTask closedByServer = value(manager.connectSocket(server.uri("/close?code=4001&reason=bye").toString())
                .exceptionally(e -> null));
        assertThat(closedByServer).as("limit still full").isNull();
        value(tasks.get(0).close());
        value(tasks.get(0).whenClosed());

        SocketTask bye = value(manager.connectSocket(server.uri("/close?code=4001&reason=bye").toString()));
        SocketCloseEvent ce = value(bye.whenClosed());
        assertThat(ce.code()).isEqualTo(4001);
        assertThat(ce.reason()).isEqualTo("bye");
        assertThat(ce.wasClean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.sockets().size() == 4);

        SocketTask again = value(manager.connectSocket(server.uri("/echo").toString()));
        value(again.whenOpen());
        assertThat(manager.sockets()).hasSize(5);
    }

    @Test
    void listenerAddedAfterOpenStillGetsTheOpenEventAndTwoListenersGetEverything() {
        SocketTask task = value(manager.connectSocket(server.uri("/echo").toString()));
        value(task.whenOpen());
        EventRecorder late = EventRecorder.on(task);
        EventRecorder second = EventRecorder.on(task);
        EventRecorder global = EventRecorder.on(manager);
        assertThat(late.nextOpen().task()).isSameAs(task);
        assertThat(second.nextOpen().task()).isSameAs(task);
        assertThat(global.nextOpen().task()).isSameAs(task);

        value(task.send("one"));
        for (EventRecorder r : List.of(late, second, global)) {
            assertThat(r.nextMessage().text()).isEqualTo("one");
        }
        value(task.close());
        for (EventRecorder r : List.of(late, second, global)) {
            assertThat(r.nextClose().code()).isEqualTo(1000);
            r.assertExhausted();
        }
    }

    @Test
    void seedSampleConnectThenRegisterOnSocketOpenThenSendIsSafe() {
        // the seed page: connect, register onSocketOpen afterwards, send on open; messages sent
        // before open are queued by the component
        List<String> echoes = new CopyOnWriteArrayList<>();
        manager.connectSocket(server.uri("/echo").toString());
        manager.sendSocketMessage("queued before open");
        manager.onSocketMessage(m -> echoes.add(m.text()));
        manager.onSocketOpen(open -> manager.sendSocketMessage("sent on open"));
        await().atMost(Duration.ofSeconds(5)).until(() -> echoes.size() == 2);
        assertThat(echoes).containsExactly("queued before open", "sent on open");
    }

    @Test
    void handshakeRejectedByTheServerFiresOneErrorThenClose1006() {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/reject").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        SocketException e = failure(task.whenOpen());
        assertThat(e.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(e.errMsg()).startsWith("connectSocket:fail handshake failed").contains("403");
        SocketErrorEvent error = events.nextError();
        assertThat(error.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(error.errMsg()).isEqualTo(e.errMsg());
        SocketCloseEvent ce = events.nextClose();
        assertThat(ce.code()).isEqualTo(1006);
        assertThat(ce.wasClean()).isFalse();
        events.assertExhausted();
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void nothingListeningOnThePortFiresOneErrorThenClose1006() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectSocketOption.Builder option = ConnectSocketOption.builder("ws://127.0.0.1:" + port + "/");
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        var queued = task.send("never sent");
        SocketException e = failure(task.whenOpen());
        assertThat(e.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
        // queued before the (fast) failure: CLOSED; made after it: NOT_OPEN; never a success
        assertThat(failure(queued).code()).isIn(SocketErrorCode.CLOSED, SocketErrorCode.NOT_OPEN);
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void headersAndSubprotocolsGoThroughTheHandshakeAndTheResponseHeadersComeBack() {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/headers").toString())
                .header("Authorization", "Bearer t0ken").header("X-Trace", () -> "abc")
                .protocols("chat.v2", "chat.v1");
        EventRecorder events = EventRecorder.on(option);
        value(manager.connectSocket(option.build()));
        SocketOpenEvent open = events.nextOpen();
        assertThat(open.protocol()).isEqualTo("chat.v2");
        assertThat(open.header("x-test-server")).isEqualTo("taro");
        String seen = events.nextMessage().text();
        assertThat(seen).containsIgnoringCase("authorization: Bearer t0ken").containsIgnoringCase("x-trace: abc");
    }

    @Test
    void binaryOfOneMebibyteEchoesByteForByteAndInterleavesWithTextInOrder() {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        byte[] big = new byte[1024 * 1024];
        new Random(42).nextBytes(big);
        task.send("before");
        task.send(ByteBuffer.wrap(big));
        task.send("after");
        var last = task.send(new byte[] {1, 2, 3});
        value(last);
        events.nextOpen();
        assertThat(events.nextMessage().text()).isEqualTo("before");
        SocketMessageEvent binary = events.nextMessage();
        assertThat(binary.isText()).isFalse();
        ByteBuffer data = (ByteBuffer) binary.data();
        assertThat(data.isReadOnly()).isTrue();
        byte[] got = new byte[data.remaining()];
        data.get(got);
        assertThat(got).isEqualTo(big);
        assertThat(binary.binary().remaining()).as("each view starts at 0").isEqualTo(big.length);
        assertThat(events.nextMessage().text()).isEqualTo("after");
        ByteBuffer small = events.nextMessage().binary();
        assertThat(small.remaining()).isEqualTo(3);
        assertThat(small.get(2)).isEqualTo((byte) 3);
    }

    @Test
    void globalFunctionsActOnTheMostRecentSocketThatHasNotEnded() {
        SocketTask first = value(manager.connectSocket(server.uri("/echo").toString()));
        SocketTask second = value(manager.connectSocket(server.uri("/echo").toString()));
        assertThat(manager.currentSocket()).contains(second);
        assertThat(manager.sockets()).containsExactly(first, second);
        assertThat(second.socketTaskId()).isGreaterThan(first.socketTaskId());
        value(second.whenOpen());
        value(manager.closeSocket());
        value(second.whenClosed());
        assertThat(manager.currentSocket()).contains(first);
        List<String> got = new CopyOnWriteArrayList<>();
        first.onMessage(m -> got.add(m.text()));
        value(manager.sendSocketMessage("to first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("to first"));
    }

    @Test
    void closingWhileConnectingAbortsTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectSocketOption.Builder option = ConnectSocketOption.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/");
            EventRecorder events = EventRecorder.on(option);
            SocketTask task = value(manager.connectSocket(option.build()));
            var queued = task.send("never");
            CallLog log = new CallLog();
            var closed = log.recordStage(task.close(log.recordOn(CloseSocketOption.builder()).build()));
            log.assertSucceeded(closed, "closeSocket:ok");
            assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.CLOSED);
            SocketCloseEvent ce = events.nextClose();
            assertThat(ce.code()).isEqualTo(1006);
            assertThat(ce.wasClean()).isFalse();
            events.assertExhausted();
            assertThat(failure(task.whenOpen()).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(failure(queued).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(manager.sockets()).isEmpty();
        }
    }

    @Test
    void aSlowListenerOnOneSocketDoesNotDelayAnotherSocket() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> slowGot = new CopyOnWriteArrayList<>();
        List<String> fastGot = new CopyOnWriteArrayList<>();
        SocketTask slow = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .onMessage(m -> {
                    slowGot.add(m.text());
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build()));
        SocketTask fast = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .onMessage(m -> fastGot.add(m.text())).build()));
        value(slow.send("s1"));
        value(slow.send("s2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> slowGot.size() == 1); // stuck in its first message
        for (int i = 0; i < 50; i++) {
            fast.send("f" + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> fastGot.size() == 50);
        assertThat(slowGot).containsExactly("s1");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> slowGot.size() == 2);
        assertThat(slowGot).containsExactly("s1", "s2");
    }

    @Test
    void aThrowingListenerDisturbsNeitherTheSocketNorTheOtherListeners() {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString())
                .onMessage(m -> {
                    throw new IllegalStateException("listener bug");
                })
                .success(r -> {
                    throw new IllegalStateException("callback bug");
                });
        EventRecorder events = EventRecorder.on(option);
        SocketTask task = value(manager.connectSocket(option.build()));
        value(task.send(SendSocketMessageOption.builder().data("x").complete(r -> {
            throw new IllegalStateException("complete bug");
        }).build()));
        value(task.send("y"));
        events.nextOpen();
        assertThat(events.nextMessage().text()).isEqualTo("x");
        assertThat(events.nextMessage().text()).isEqualTo("y");
        assertThat(task.readyState()).isEqualTo(ReadyState.OPEN);
    }
}
