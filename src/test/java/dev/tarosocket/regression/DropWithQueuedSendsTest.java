package dev.tarosocket.regression;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketExceptions;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.Closer;
import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.ScriptedPeer;
import dev.tarosocket.testing.TestServer;

import jakarta.websocket.ContainerProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a drop with sends queued, the send queue is corrupted: an exception from the dead session is
 * taken for "concurrent sends refused", orphaned sends are put back, a send reported failed is
 * delivered, queued messages are lost, and a fallback to one send at a time applies to the whole manager.
 */
class DropWithQueuedSendsTest {

    private static final int SENDS = 600;
    private static final String PAD = "p".repeat(16 * 1024);

    private final Closer closer = new Closer();
    private final TestServer server = TestServer.start();
    private final FaultProxy proxy = FaultProxy.start(server.port());
    private final InFlightSends inFlight = new InFlightSends();
    private final SocketManager plain = SocketManager.builder().build();
    // the same Tyrus, wrapped only to count the sends it holds at once
    private final SocketManager counted = SocketManager.builder()
            .container(inFlight.wrap(ContainerProvider.getWebSocketContainer())).build();

    @AfterEach
    void close() throws Exception {
        proxy.close();
        plain.close();
        counted.close();
        server.close();
        closer.close();
    }

    @Test
    void everySendCompletesOnceAndWhatFailedIsNeverDeliveredWhileTheQueueGoesOutInOrderOnTheNewConnection()
            throws Exception {
        // three sockets dropped at once: the corruption depends on a race, each socket is one more chance to see it
        List<Drop> drops = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            drops.add(new Drop(closer.add(ScriptedPeer.start())));
        }
        for (Drop d : drops) {
            d.sendAll();
        }
        for (Drop d : drops) {
            d.awaitTcpBuffersFull();
        }
        for (Drop d : drops) {
            d.first.reset();
        }
        for (Drop d : drops) {
            d.readSecondConnection();
        }
        for (Drop d : drops) {
            d.assertEverySendAccountedFor();
        }
    }

    /** One reconnecting socket to its own peer, which reads nothing on the first connection. */
    private final class Drop {
        final ScriptedPeer peer;
        final SocketTask task;
        final ScriptedPeer.Connection first;
        final AtomicIntegerArray outcomes = new AtomicIntegerArray(SENDS); // success + fail callbacks per send
        final AtomicIntegerArray completes = new AtomicIntegerArray(SENDS);
        final AtomicLong leastBuffered = new AtomicLong(Long.MAX_VALUE);
        final List<CompletableFuture<CallbackResult>> stages = new ArrayList<>();
        final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        Set<Integer> doneBeforeDrop;

        Drop(ScriptedPeer peer) {
            this.peer = peer;
            task = value(plain.connectSocket(ConnectSocketOption.builder(peer.uri("/drop").toString())
                    .reconnect(ReconnectPolicy.builder().minDelay(Duration.ofMillis(2500)).maxDelay(Duration.ofMillis(2500))
                            .jitter(0).maxAttempts(5).build())
                    .build()));
            first = peer.nextUpgraded(Duration.ofSeconds(5)); // and never reads
            value(task.whenOpen());
        }

        void sendAll() {
            for (int i = 0; i < SENDS; i++) {
                int k = i;
                stages.add(task.send(SendSocketMessageOption.builder().data(i + ":" + PAD)
                        .success(r -> outcomes.incrementAndGet(k))
                        .fail(r -> outcomes.incrementAndGet(k))
                        .complete(r -> {
                            completes.incrementAndGet(k);
                            leastBuffered.accumulateAndGet(task.bufferedAmount(), Math::min);
                        })
                        .build()).toCompletableFuture());
            }
        }

        void awaitTcpBuffersFull() {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(Settled.after(3, () -> done(stages).size()));
            doneBeforeDrop = done(stages);
        }

        void readSecondConnection() {
            ScriptedPeer.Connection second = peer.nextUpgraded(Duration.ofSeconds(5));
            Thread reader = new Thread(() -> {
                try {
                    for (String text; (text = second.readText()) != null; ) {
                        received.add(Integer.parseInt(text.substring(0, text.indexOf(':'))));
                    }
                } catch (IOException e) {
                    // the connection ended
                }
            }, "drop-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void assertEverySendAccountedFor() throws Exception {
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .get(20, TimeUnit.SECONDS);
            Map<Integer, String> failed = new TreeMap<>();
            for (int i = 0; i < SENDS; i++) {
                if (stages.get(i).isCompletedExceptionally()) {
                    failed.put(i, code(stages.get(i)));
                }
            }
            List<Integer> expectedOnNew = IntStream.range(0, SENDS)
                    .filter(i -> !doneBeforeDrop.contains(i) && !failed.containsKey(i)).boxed().toList();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(Settled.after(3, received::size));
            List<Integer> onNew = List.copyOf(received);

            for (int i = 0; i < SENDS; i++) {
                assertThat(outcomes.get(i)).as("success/fail callbacks of send " + i).isEqualTo(1);
                assertThat(completes.get(i)).as("complete callbacks of send " + i).isEqualTo(1);
            }
            assertThat(onNew).as("sends reported failed " + failed + " but delivered on the new connection")
                    .doesNotContainAnyElementsOf(failed.keySet());
            assertThat(onNew).as("messages on the new connection: the queued ones, once each, in order")
                    .isEqualTo(expectedOnNew);
            assertThat(failed.size()).as("sends failed by the drop (at most the send window was being written): " + failed)
                    .isLessThanOrEqualTo(SocketSettings.DEFAULT_SEND_WINDOW);
            assertThat(leastBuffered.get()).as("least bufferedAmount seen").isNotNegative();
            assertThat(task.bufferedAmount()).as("bufferedAmount once every send completed").isZero();
        }
    }

    @Test
    void oneSocketFallingBackToOneSendAtATimeLeavesTheManagersOtherSocketsSendingSeveral() throws Exception {
        URI refusing = server.uri("/record");
        inFlight.strict(refusing); // this connection's container refuses concurrent sends
        SocketTask serial = value(counted.connectSocket(refusing.toString()));
        value(serial.whenOpen());
        List<CompletableFuture<CallbackResult>> stages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stages.add(serial.send(i + ":" + PAD).toCompletableFuture());
        }
        stages.forEach(SocketExceptions::value);
        server.awaitReceived(50, Duration.ofSeconds(5));

        URI other = proxy.uri("/record");
        SocketTask healthy = value(counted.connectSocket(other.toString()));
        value(healthy.whenOpen());
        proxy.stall(true); // writes pile up in the container
        String big = "b".repeat(256 * 1024);
        for (int i = 0; i < 60; i++) { // 15 MiB: more than the TCP buffers hold
            healthy.send(big);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(inFlight.most(other)).as("most sends in flight at once on another socket").isGreaterThan(1));
    }

    private static Set<Integer> done(List<CompletableFuture<CallbackResult>> stages) {
        return IntStream.range(0, stages.size()).filter(i -> stages.get(i).isDone()).boxed().collect(Collectors.toSet());
    }

    private static String code(CompletableFuture<CallbackResult> stage) {
        Throwable e = stage.handle((r, x) -> x instanceof CompletionException ? x.getCause() : x).join();
        return e instanceof SocketException ? ((SocketException) e).code().name() : String.valueOf(e);
    }
}
