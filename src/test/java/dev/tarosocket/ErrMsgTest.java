package dev.tarosocket;

import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Every errMsg and error code of DESIGN.md section 2, each with its callback order, on each client container. */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class ErrMsgTest {

    private final ClientContainers.Handle client;
    private final SocketManager manager;

    ErrMsgTest(ClientContainers containers) {
        client = containers.open();
        manager = SocketManager.builder().container(client.container())
                .settings(SocketSettings.builder().maxBufferedBytes(1024).build()).build();
    }

    @AfterEach
    void close() {
        try (client) { // closed after the manager
            manager.close();
        }
    }

    @Test
    void seedSampleRelativeUrlIsAnInvalidUrlAndCreatesNothing() throws Exception {
        CallLog log = new CallLog();
        var stage = log.recordStage(manager.connectSocket(log.recordOn(ConnectSocketOption.builder("test.php")).build()));
        String errMsg = "connectSocket:fail request:fail invalid url \"test.php\": only ws:// and wss:// URLs are supported";
        log.assertFailed(stage, errMsg);
        assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.INVALID_URL);
        assertThat(manager.sockets()).isEmpty();
        assertThat(manager.currentSocket()).isEmpty();
    }

    @Test
    void httpAndGarbageUrlsAreInvalidUrls() {
        for (String url : new String[] {"http://127.0.0.1/x", "ws://", "ws://host/a b", "", "wss://127.0.0.1/#frag"}) {
            SocketException e = failure(manager.connectSocket(url));
            assertThat(e.code()).as(url).isEqualTo(SocketErrorCode.INVALID_URL);
            assertThat(e.errMsg()).as(url).startsWith("connectSocket:fail request:fail invalid url");
        }
        assertThat(manager.sockets()).isEmpty();
    }

    @Test
    void upperCaseSchemeIsAccepted() {
        try (TestServer server = TestServer.start()) {
            SocketTask task = value(manager.connectSocket("WS://127.0.0.1:" + server.port() + "/echo"));
            value(task.whenOpen());
            value(task.close());
        }
    }

    @Test
    void sendingWithNoSocketIsNotConnected() throws Exception {
        CallLog log = new CallLog();
        var stage = log.recordStage(manager.sendSocketMessage(log.recordOn(SendSocketMessageOption.builder().data("hi")).build()));
        log.assertFailed(stage, "sendSocketMessage:fail WebSocket is not connected");
        assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.NOT_CONNECTED);
    }

    @Test
    void closingWithNoSocketIsNotConnected() throws Exception {
        CallLog log = new CallLog();
        var stage = log.recordStage(manager.closeSocket(log.recordOn(CloseSocketOption.builder()).build()));
        log.assertFailed(stage, "closeSocket:fail WebSocket is not connected");
        assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.NOT_CONNECTED);
    }

    @Test
    void closeCode1001AndTooLongReasonAreRefusedAndTheSocketStaysOpen() throws Exception {
        try (TestServer server = TestServer.start()) {
            SocketTask task = value(manager.connectSocket(server.uri("/echo").toString()));
            value(task.whenOpen());

            CallLog code = new CallLog();
            var codeStage = code.recordStage(task.close(code.recordOn(CloseSocketOption.builder().code(1001)).build()));
            code.assertFailed(codeStage, "closeSocket:fail invalid close code 1001: use 1000 or 3000 to 4999");
            assertThat(failure(codeStage).code()).isEqualTo(SocketErrorCode.INVALID_CLOSE_CODE);

            CallLog reason = new CallLog();
            var reasonStage = reason.recordStage(manager.closeSocket(
                    reason.recordOn(CloseSocketOption.builder().reason("x".repeat(124))).build()));
            reason.assertFailed(reasonStage, "closeSocket:fail close reason is 124 UTF-8 bytes, more than 123");
            assertThat(failure(reasonStage).code()).isEqualTo(SocketErrorCode.INVALID_ARGUMENT);

            // 123 bytes of multi-byte characters are fine: 41 x 3 bytes
            assertThat(task.readyState()).isEqualTo(ReadyState.OPEN);
            value(task.close(CloseSocketOption.builder().code(4000).reason("\u20ac".repeat(41)).build()));
            assertThat(value(task.whenClosed()).code()).isEqualTo(4000);
        }
    }

    @Test
    void sendWithoutDataIsAnInvalidArgument() throws Exception {
        try (TestServer server = TestServer.start()) {
            value(manager.connectSocket(server.uri("/echo").toString()));
            CallLog log = new CallLog();
            var stage = log.recordStage(manager.sendSocketMessage(log.recordOn(SendSocketMessageOption.builder()).build()));
            log.assertFailed(stage, "sendSocketMessage:fail parameter error: data is required (a String, ByteBuffer or byte[])");
            assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.INVALID_ARGUMENT);
            // the plain send(String), which builds no option, says the same and leaves the socket open
            SocketTask task = manager.currentSocket().orElseThrow();
            SocketException e = failure(task.send((String) null));
            assertThat(e.code()).isEqualTo(SocketErrorCode.INVALID_ARGUMENT);
            assertThat(e.result().errMsg())
                    .isEqualTo("sendSocketMessage:fail parameter error: data is required (a String, ByteBuffer or byte[])");
            assertThat(value(task.send("still open")).errMsg()).isEqualTo("sendSocketMessage:ok");
        }
    }

    @Test
    void sendAfterCloseIsNotOpenAndCloseTwiceIsNotOpen() throws Exception {
        try (TestServer server = TestServer.start()) {
            SocketTask task = value(manager.connectSocket(server.uri("/echo").toString()));
            value(task.whenOpen());
            value(task.close());
            value(task.whenClosed());

            CallLog send = new CallLog();
            var sendStage = send.recordStage(task.send(send.recordOn(SendSocketMessageOption.builder().data("late")).build()));
            send.assertFailed(sendStage, "sendSocketMessage:fail WebSocket is not open (readyState CLOSED)");
            assertThat(failure(sendStage).code()).isEqualTo(SocketErrorCode.NOT_OPEN);

            CallLog close = new CallLog();
            var closeStage = close.recordStage(task.close(close.recordOn(CloseSocketOption.builder()).build()));
            close.assertFailed(closeStage, "closeSocket:fail WebSocket is already closed");
        }
    }

    @Test
    void sendWhileConnectingUnderFailPolicyIsNotOpen() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/")
                    .sendPolicy(SendPolicy.FAIL).build()));
            CallLog log = new CallLog();
            var stage = log.recordStage(task.send(log.recordOn(SendSocketMessageOption.builder().data("early")).build()));
            log.assertFailed(stage, "sendSocketMessage:fail SocketTask.readyState is not OPEN (still CONNECTING)");
            assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.NOT_OPEN);
            value(task.close());
        }
    }

    @Test
    void sendPastTheBufferLimitIsBufferFullAndTheSocketStaysUsable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // connecting: sends queue up to the 1 KiB limit of this manager
            SocketTask task = value(manager.connectSocket("ws://127.0.0.1:" + silent.getLocalPort() + "/"));
            var first = task.send("a".repeat(1000));
            assertThat(task.bufferedAmount()).isEqualTo(1000);
            CallLog log = new CallLog();
            var stage = log.recordStage(task.send(log.recordOn(SendSocketMessageOption.builder().data(new byte[25])).build()));
            log.assertFailed(stage, "sendSocketMessage:fail send buffer full: 1000 bytes queued, this message 25 bytes, limit 1024");
            assertThat(failure(stage).code()).isEqualTo(SocketErrorCode.BUFFER_FULL);
            assertThat(task.readyState()).isEqualTo(ReadyState.CONNECTING);
            assertThat(task.bufferedAmount()).isEqualTo(1000);
            var fits = task.send(new byte[24]);
            assertThat(task.bufferedAmount()).isEqualTo(1024);

            // the socket ends before opening: what was queued fails with CLOSED
            value(task.close());
            assertThat(failure(first).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(failure(first).errMsg()).isEqualTo("sendSocketMessage:fail the socket closed before the message was sent");
            assertThat(failure(fits).code()).isEqualTo(SocketErrorCode.CLOSED);
            assertThat(task.bufferedAmount()).isZero();
        }
    }

    @Test
    void aHandshakeThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectSocketOption.Builder b = ConnectSocketOption.builder("ws://127.0.0.1:" + silent.getLocalPort() + "/")
                    .timeout(Duration.ofMillis(300));
            EventRecorder events = EventRecorder.on(b);
            SocketTask task = value(manager.connectSocket(b.build()));
            SocketException e = failure(task.whenOpen());
            assertThat(e.code()).isEqualTo(SocketErrorCode.TIMEOUT);
            assertThat(e.errMsg()).isEqualTo("connectSocket:fail handshake timed out after 300 ms");
            assertThat(events.nextError().code()).isEqualTo(SocketErrorCode.TIMEOUT);
            assertThat(events.nextClose().code()).isEqualTo(1006);
            events.assertExhausted();
            assertThat(task.readyState()).isEqualTo(ReadyState.CLOSED);
            assertThat(manager.sockets()).isEmpty();
        }
    }
}
