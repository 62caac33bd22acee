package dev.tarosocket.resilience;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.ScriptedPeer;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On every container, a fast peer cannot fill the heap through a slow listener, and the socket held
 * back does not stop another socket of the same manager. Tyrus and Jetty stop reading while the
 * library holds their thread in {@code onMessage}, so TCP flow control slows the peer; Undertow keeps
 * reading whatever its thread does, so there the socket closes with 1008 once the inbox is full.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class InboundBoundTest {

    private static final int MIB = 1024 * 1024;
    private static final long INBOUND_BYTES = 4L * MIB;
    /** The inbox bound, loopback's TCP buffers and the container's frame buffers, with room to spare. */
    private static final long PEER_WRITE_LIMIT = 64L * MIB;

    private final ClientContainers kind;
    private final ClientContainers.Handle handle;
    private final SocketManager manager;
    private final ScriptedPeer peer = ScriptedPeer.start();
    private final TestServer server = TestServer.start();
    private final CountDownLatch release = new CountDownLatch(1); // makes the slow listener fast again

    InboundBoundTest(ClientContainers kind) {
        this.kind = kind;
        this.handle = kind.open();
        this.manager = SocketManager.builder().container(handle.container())
                .settings(SocketSettings.builder().maxInboundBytes(INBOUND_BYTES).build()).build();
    }

    @AfterEach
    void close() {
        release.countDown();
        manager.close();
        peer.close();
        server.close();
        handle.close();
    }

    @Test
    void aFloodIntoASlowListenerStaysBoundedAndAnotherSocketKeepsWorking() throws Exception {
        BlockingQueue<SocketCloseEvent> floodClosed = new LinkedBlockingQueue<>();
        SocketTask flooded = value(manager.connectSocket(ConnectSocketOption.builder(peer.uri("/flood").toString())
                .onMessage(m -> slowly()).onClose(floodClosed::add).build()));
        ScriptedPeer.Connection connection = peer.nextUpgraded(Duration.ofSeconds(5));
        value(flooded.whenOpen());
        BlockingQueue<SocketMessageEvent> echoes = new LinkedBlockingQueue<>();
        SocketTask other = value(manager.connectSocket(ConnectSocketOption.builder(server.uri("/echo").toString())
                .onMessage(echoes::add).build()));
        value(other.whenOpen());
        long heapBefore = retainedHeap();

        AtomicLong written = new AtomicLong();
        Thread flood = new Thread(() -> {
            byte[] payload = new byte[64 * 1024];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            try {
                while (written.get() <= PEER_WRITE_LIMIT && System.nanoTime() < end) {
                    connection.binary(payload); // blocks while the client does not read
                    written.addAndGet(payload.length);
                }
            } catch (IOException e) {
                // the client closed the connection (Undertow's 1008)
            }
        }, "inbound-flood");
        flood.setDaemon(true);
        flood.start();

        // meanwhile the other socket echoes, one message at a time
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long start = System.nanoTime();
            value(other.send("echo " + i));
            SocketMessageEvent echo = echoes.poll(10, TimeUnit.SECONDS);
            assertThat(echo).as("echo %d of the other socket while the first is held back", i).isNotNull();
            assertThat(echo.text()).isEqualTo("echo " + i);
            roundTrips.add((System.nanoTime() - start) / 1_000);
        }
        flood.join(TimeUnit.SECONDS.toMillis(10));
        long growth = retainedHeap() - heapBefore;
        Collections.sort(roundTrips);
        System.out.printf("%s: peer wrote %d MiB, retained heap grew %d MiB, other socket's echo p50 %d µs, max %d µs%n",
                kind, written.get() / MIB, growth / MIB, roundTrips.get(roundTrips.size() / 2),
                roundTrips.get(roundTrips.size() - 1));
        assertThat(growth).as("retained heap growth while messages wait for the listener")
                .isLessThan(INBOUND_BYTES + 24L * MIB);
        if (kind == ClientContainers.UNDERTOW) {
            SocketCloseEvent closed = floodClosed.poll(10, TimeUnit.SECONDS);
            assertThat(closed).as("Undertow cannot be held back: the flooded socket closes").isNotNull();
            assertThat(closed.code()).isEqualTo(1008);
        } else {
            assertThat(written.get()).as("bytes the peer got written to a slow listener").isLessThanOrEqualTo(PEER_WRITE_LIMIT);
            assertThat(floodClosed).as("a held-back socket stays open").isEmpty();
        }
    }

    private void slowly() {
        try {
            release.await(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long retainedHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
