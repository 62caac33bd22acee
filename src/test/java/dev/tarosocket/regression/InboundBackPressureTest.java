package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.ScriptedPeer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incoming messages waiting for a slow listener pile up without bound: the container thread only
 * enqueues them, so TCP flow control never slows a fast peer and the heap fills.
 */
class InboundBackPressureTest {

    private static final int MIB = 1024 * 1024;
    /** The default taro.socket.max-inbound-bytes. */
    private static final long INBOUND_BOUND = 16L * MIB;
    /**
     * What the peer may get written without back-pressure being at work: the bound, the TCP buffers
     * of loopback and the container's frame buffer, with room to spare.
     */
    private static final long PEER_WRITE_LIMIT = 96L * MIB;

    private final ScriptedPeer peer = ScriptedPeer.start();
    private final SocketManager manager = SocketManager.builder().build();
    private final CountDownLatch release = new CountDownLatch(1); // makes the slow listener fast again
    private final AtomicInteger delivered = new AtomicInteger();

    @AfterEach
    void close() {
        release.countDown();
        peer.close();
        manager.close();
    }

    @Test
    void aFastPeerIsSlowedDownAndTheMessagesWaitingForASlowListenerStayBounded() throws Exception {
        SocketTask task = value(manager.connectSocket(ConnectSocketOption.builder(peer.uri("/flood").toString())
                .onMessage(message -> {
                    delivered.incrementAndGet();
                    slowly(); // 20 ms per message: 50 messages a second
                })
                .build()));
        ScriptedPeer.Connection connection = peer.nextUpgraded(Duration.ofSeconds(5));
        value(task.whenOpen());
        long heapBefore = retainedHeap();

        byte[] payload = new byte[64 * 1024];
        AtomicLong written = new AtomicLong();
        Thread flood = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (written.get() <= PEER_WRITE_LIMIT && System.nanoTime() < end) {
                    connection.binary(payload); // blocks while the client does not read
                    written.addAndGet(payload.length);
                }
            } catch (IOException e) {
                // the connection ended: the test is over
            }
        }, "inbound-flood");
        flood.setDaemon(true);
        flood.start();

        // for 4 s the listener takes 13 MiB at most; with back-pressure the peer cannot write much more than that
        try {
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> written.get() <= PEER_WRITE_LIMIT);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below, with the numbers
        }
        long heapDuring = retainedHeap();
        long waitingBytes = written.get() - (long) delivered.get() * payload.length;
        System.out.printf("peer wrote %d MiB, delivered %d messages, %d MiB not yet delivered, retained heap grew %d MiB%n",
                written.get() / MIB, delivered.get(), waitingBytes / MIB, (heapDuring - heapBefore) / MIB);
        assertThat(written.get()).as("bytes the peer got written to a slow listener (no back-pressure?)")
                .isLessThanOrEqualTo(PEER_WRITE_LIMIT);
        assertThat(heapDuring - heapBefore).as("retained heap growth while messages wait for the listener")
                .isLessThan(INBOUND_BOUND + 24L * MIB);
        release.countDown();
        flood.interrupt();
    }

    private void slowly() {
        try {
            release.await(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Heap in use after full collections: what is still referenced. */
    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
