package dev.tarosocket.resilience;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.ScriptedPeer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inline delivery ({@code deliverInline(true)}) keeps the default mode's guarantees on every
 * container: the open event first, messages in order, nothing after the close event, no message of
 * an ended connection; and a message that finds the socket's lane idle runs on the container's thread.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(ClientContainers.class)
class InlineDeliveryTest {

    private static final int BATCH = 200;
    /** The peer never answers a ping, so the library ends the connection while the peer streams. */
    private static final Heartbeat IMPATIENT = Heartbeat.every(Duration.ofMillis(200)).timeout(Duration.ofMillis(300));
    private static final int STREAM_LIMIT = 2_000_000; // bounds the streaming loop

    private final ClientContainers.Handle handle;
    private final SocketManager manager;
    private final ScriptedPeer peer = ScriptedPeer.start();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    InlineDeliveryTest(ClientContainers kind) {
        this.handle = kind.open();
        this.manager = SocketManager.builder().container(handle.container()).build();
    }

    @AfterEach
    void close() {
        manager.close();
        peer.close();
        handle.close();
    }

    @Test
    void openFirstMessagesInOrderOnTheContainersThreadAndCloseLast() throws IOException {
        SocketTask task = value(manager.connectSocket(recorded(ConnectSocketOption.builder(peer.uri("/stream").toString()))
                .build()));
        ScriptedPeer.Connection connection = peer.nextUpgraded(Duration.ofSeconds(5));
        for (int i = 0; i < BATCH; i++) {
            connection.text("m" + i); // at once: the first ones may meet the open event still queued
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == BATCH + 1);
        threads.clear();
        for (int i = BATCH; i < 2 * BATCH; i++) {
            connection.text("m" + i); // the lane is idle now: these run where the container calls
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2 * BATCH + 1);
        connection.close();
        value(task.whenClosed());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("close"));

        List<String> expected = new ArrayList<>();
        expected.add("open");
        IntStream.range(0, 2 * BATCH).forEach(i -> expected.add("m" + i));
        expected.add("close");
        assertThat(snapshot().stream().filter(e -> !e.startsWith("error")).toList()).containsExactlyElementsOf(expected);
        assertThat(snapshot()).last().isEqualTo("close");
        assertThat(snapshotThreads()).as("threads of the messages sent to an idle lane").hasSize(BATCH)
                .noneMatch(name -> name.startsWith("taro-socket-"));
    }

    @Test
    void noMessageOfAnEndedConnectionAndNothingAfterTheCloseEvent() {
        SocketTask task = value(manager.connectSocket(recorded(ConnectSocketOption.builder(peer.uri("/stream").toString()))
                .heartbeat(IMPATIENT).build()));
        ScriptedPeer.Connection connection = peer.nextUpgraded(Duration.ofSeconds(5));
        value(task.whenOpen());
        Thread stream = new Thread(() -> {
            try {
                for (int i = 0; i < STREAM_LIMIT; i++) {
                    connection.text("s" + i);
                }
            } catch (IOException e) {
                // the client closed: streaming ends
            }
        }, "inline-test-stream");
        stream.setDaemon(true);
        stream.start();
        value(task.whenClosed()); // the heartbeat gave up while the peer kept streaming
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("close"));
        int closeAt = snapshot().indexOf("close");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> snapshot().size() == closeAt + 1);
        assertThat(snapshot()).first().isEqualTo("open");
        assertThat(snapshot()).as("messages before the end").anyMatch(e -> e.startsWith("s"));
        List<Integer> numbers = snapshot().stream().filter(e -> e.startsWith("s"))
                .map(e -> Integer.parseInt(e.substring(1))).toList();
        assertThat(numbers).as("in order, none twice").isSorted().doesNotHaveDuplicates();
        stream.interrupt();
        connection.close();
    }

    private ConnectSocketOption.Builder recorded(ConnectSocketOption.Builder option) {
        return option.deliverInline(true)
                .onOpen(e -> events.add("open"))
                .onMessage(e -> {
                    threads.add(Thread.currentThread().getName());
                    events.add(e.text());
                })
                .onError(e -> events.add("error " + e.code()))
                .onClose(e -> events.add("close"));
    }

    private List<String> snapshot() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    private List<String> snapshotThreads() {
        synchronized (threads) {
            return new ArrayList<>(threads);
        }
    }
}
