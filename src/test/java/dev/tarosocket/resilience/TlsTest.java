package dev.tarosocket.resilience;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.EventRecorder;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.testing.TestCertificates;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/** wss against a real TLS server with a certificate the test makes for 127.0.0.1 only. */
class TlsTest {

    private static final String SECRET_HEADER = "Bearer s3cr3t-t0ken";
    private static final String SECRET_PAYLOAD = "s3cr3t-payload";

    private final TestServer server = TestServer.startTls(TestCertificates.server());
    private final SocketManager manager = SocketManager.builder().build();

    @AfterEach
    void close() {
        manager.close();
        server.close();
    }

    @Test
    void anUntrustedCertificateFailsTheHandshakeWithAClearErrMsgAndNoOpenEvent() {
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString());
        EventRecorder events = EventRecorder.on(option);
        value(manager.connectSocket(option.build()));
        SocketErrorEvent error = events.nextError();
        assertThat(error.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(error.errMsg()).startsWith("connectSocket:fail handshake failed: TLS error");
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
    }

    @Test
    void aWrongHostNameFailsTheHandshakeEvenWithATrustedCertificate() {
        String asLocalhost = server.uri("/echo").toString().replace("127.0.0.1", "localhost");
        ConnectSocketOption.Builder option = ConnectSocketOption.builder(asLocalhost).sslContext(TestCertificates.trusting());
        EventRecorder events = EventRecorder.on(option);
        value(manager.connectSocket(option.build()));
        SocketErrorEvent error = events.nextError();
        assertThat(error.code()).isEqualTo(SocketErrorCode.HANDSHAKE_FAILED);
        assertThat(error.errMsg()).startsWith("connectSocket:fail handshake failed")
                .as("the certificate is trusted: only the host name is wrong").doesNotContain("PKIX");
        assertThat(events.nextClose().code()).isEqualTo(1006);
        events.assertExhausted();
    }

    @Test
    void aCustomSslContextTrustingThePrivateCaConnectsAndNoSecretReachesTheLogsOrErrMsgs() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger logger = Logger.getLogger("dev.tarosocket");
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        List<String> errMsgs = new CopyOnWriteArrayList<>();
        try {
            ConnectSocketOption.Builder option = ConnectSocketOption.builder(server.uri("/echo").toString())
                    .sslContext(TestCertificates.trusting()).header("Authorization", SECRET_HEADER)
                    .onError(e -> errMsgs.add(e.errMsg()));
            EventRecorder events = EventRecorder.on(option);
            SocketTask task = value(manager.connectSocket(option.build()));
            events.nextOpen();
            value(task.send(SECRET_PAYLOAD));
            assertThat(events.nextMessage().text()).isEqualTo(SECRET_PAYLOAD);
            value(task.close());
            events.nextClose();
            // and a failing one, with the same header, through the untrusted default context
            SocketTask failing = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                    .header("Authorization", SECRET_HEADER).onError(e -> errMsgs.add(e.errMsg())).build()));
            value(failing.whenClosed());
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertThat(errMsgs).isNotEmpty().noneMatch(m -> m.contains(SECRET_HEADER) || m.contains(SECRET_PAYLOAD));
        for (LogRecord r : records) {
            if (r.getLevel().intValue() > Level.FINE.intValue()) {
                String text = String.valueOf(r.getMessage()) + " " + (r.getThrown() == null ? "" : r.getThrown().toString());
                assertThat(text).as("log record at " + r.getLevel()).doesNotContain(SECRET_HEADER).doesNotContain(SECRET_PAYLOAD);
            }
        }
        assertThat(records).as("the library did log something").isNotEmpty();
    }
}
