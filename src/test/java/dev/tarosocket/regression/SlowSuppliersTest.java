package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.HostileServer;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tarosocket.SocketExceptions.failure;
import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/** URL and header suppliers asked again on reconnect run on the manager's single timer thread, so a slow one delays every socket's timeouts. */
class SlowSuppliersTest {

    private static final ReconnectPolicy QUICK = ReconnectPolicy.builder()
            .minDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).jitter(0).maxAttempts(3).build();

    private final TestServer server = TestServer.start();
    private final HostileServer blackHole = HostileServer.start(HostileServer.Behavior.NEVER_ANSWER);
    private final SocketManager manager = SocketManager.builder().build();
    private final CountDownLatch release = new CountDownLatch(1); // ends the slow supplier's wait

    @AfterEach
    void close() {
        release.countDown();
        manager.close();
        blackHole.close();
        server.close();
    }

    @Test
    void aReconnectWhoseUrlSupplierBlocksDoesNotDelayAnotherSocketsHandshakeTimeout() throws Exception {
        CountDownLatch slowCall = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        String url = server.uri("/echo").toString();
        SocketTask refreshing = value(manager.connectSocket(ConnectSocketOption.builder()
                .url(() -> {
                    if (asked.incrementAndGet() > 1) { // a token refresh that takes its time
                        slowCall.countDown();
                        awaitQuietly(release, 3);
                    }
                    return url;
                })
                .reconnect(QUICK)
                .build()));
        value(refreshing.whenOpen());
        assertTimeoutNotDelayedWhile(slowCall);
    }

    @Test
    void aReconnectWhoseHeaderSupplierBlocksDoesNotDelayAnotherSocketsHandshakeTimeout() throws Exception {
        CountDownLatch slowCall = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        SocketTask refreshing = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .header("Authorization", () -> {
                    if (asked.incrementAndGet() > 1) {
                        slowCall.countDown();
                        awaitQuietly(release, 3);
                    }
                    return "Bearer t";
                })
                .reconnect(QUICK)
                .build()));
        value(refreshing.whenOpen());
        assertTimeoutNotDelayedWhile(slowCall);
    }

    private void assertTimeoutNotDelayedWhile(CountDownLatch slowCall) throws InterruptedException {
        server.close(); // the drop: a reconnect asks the supplier again
        assertThat(slowCall.await(5, TimeUnit.SECONDS)).as("the reconnect is in the slow supplier").isTrue();
        long t0 = System.nanoTime();
        SocketTask other = value(manager.connectSocket(ConnectSocketOption.builder(blackHole.uri().toString())
                .timeout(Duration.ofMillis(500)).build()));
        SocketException e = failure(other.whenOpen());
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.code()).isEqualTo(SocketErrorCode.TIMEOUT);
        assertThat(tookMillis).as("ms until a 500 ms handshake timeout fired").isLessThan(1_500);
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
