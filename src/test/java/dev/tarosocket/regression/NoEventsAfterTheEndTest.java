package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.testing.ScriptedPeer;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Messages of a connection the library has ended (here by a heartbeat timeout while the peer keeps
 * sending) are still delivered: after the close event, or after a reconnect, since a received
 * message is checked against neither the connection's generation nor the socket's state.
 */
class NoEventsAfterTheEndTest {

    /** The peer never answers a ping, so this ends the connection while the peer streams. */
    private static final Heartbeat IMPATIENT = Heartbeat.every(Duration.ofMillis(200)).timeout(Duration.ofMillis(300));

    private final ScriptedPeer peer = ScriptedPeer.start();
    // a small delivery pool that the test can keep busy, as slow listeners of other sockets would
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SocketManager manager = SocketManager.builder().executors(pool, scheduler).build();
    private final List<Thread> streams = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1); // frees the pool early
    private final AtomicBoolean firstMessage = new AtomicBoolean(true);

    @AfterEach
    void close() {
        release.countDown();
        streams.forEach(Thread::interrupt);
        manager.close();
        peer.close();
        pool.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void noMessageEventComesAfterTheCloseEvent() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SocketTask task = value(manager.connectSocket(record(ConnectSocketOption.builder(peer.uri("/stream").toString()), events)
                .heartbeat(IMPATIENT).build()));
        ScriptedPeer.Connection connection = peer.nextUpgraded(Duration.ofSeconds(5));
        value(task.whenOpen());
        keepThePoolBusy();
        stream(connection, "m");

        value(task.whenClosed()); // the heartbeat gave up
        assertThat(events).as("messages before the end").anyMatch(e -> e.startsWith("m"));
        staysEmpty(() -> after(events, "close"), "events after the close event");
    }

    @Test
    void noMessageOfTheOldConnectionComesAfterAReconnect() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SocketTask task = value(manager.connectSocket(record(ConnectSocketOption.builder(peer.uri("/stream").toString()), events)
                .heartbeat(IMPATIENT)
                .reconnect(ReconnectPolicy.builder().minDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(50))
                        .jitter(0).maxAttempts(3).build())
                .build()));
        ScriptedPeer.Connection first = peer.nextUpgraded(Duration.ofSeconds(5));
        value(task.whenOpen());
        keepThePoolBusy();
        stream(first, "old-");

        ScriptedPeer.Connection second = peer.nextUpgraded(Duration.ofSeconds(5));
        try {
            second.text("new-0");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                assertThat(snapshot(events)).as("events: " + summary(events)).contains("new-0"));
        staysEmpty(() -> after(events, "reconnecting").stream().filter(e -> e.startsWith("old-")).toList(),
                "messages of the old connection after the reconnecting event");
    }

    /** The other pool thread is taken for 1.5 s; so is the one delivering the first message. */
    private void keepThePoolBusy() {
        pool.execute(this::busyFor1500Millis);
    }

    private void busyFor1500Millis() {
        try {
            release.await(1_500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ConnectSocketOption.Builder record(ConnectSocketOption.Builder option, List<String> events) {
        return option.onOpen(e -> events.add("open"))
                .onMessage(e -> {
                    events.add(e.text());
                    if (firstMessage.getAndSet(false)) {
                        busyFor1500Millis(); // one slow listener call
                    }
                })
                .onError(e -> events.add("error " + e.code()))
                .onClose(e -> events.add("close"))
                .onReconnecting(e -> events.add("reconnecting"));
    }

    /** Checks for a second that {@code events} stays empty. */
    private static void staysEmpty(Supplier<List<String>> events, String what) {
        try {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> events.get().isEmpty());
        } catch (ConditionTimeoutException e) {
            fail(what + ": " + summary(events.get()));
        }
    }

    /** The events with each run of numbered messages shown as one entry. */
    private static String summary(List<String> events) {
        List<String> out = new ArrayList<>();
        String runStart = null;
        String runEnd = null;
        int run = 0;
        for (String e : snapshot(events)) {
            boolean numbered = e.matches("(m|old-|new-)\\d+");
            if (numbered && runStart != null && prefix(e).equals(prefix(runStart))) {
                runEnd = e;
                run++;
                continue;
            }
            if (runStart != null) {
                out.add(run == 1 ? runStart : runStart + ".." + runEnd + " (" + run + ")");
                runStart = null;
            }
            if (numbered) {
                runStart = e;
                runEnd = e;
                run = 1;
            } else {
                out.add(e);
            }
        }
        if (runStart != null) {
            out.add(run == 1 ? runStart : runStart + ".." + runEnd + " (" + run + ")");
        }
        return out.toString();
    }

    private static String prefix(String numbered) {
        return numbered.replaceAll("\\d+$", "");
    }

    private static List<String> snapshot(List<String> events) {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** The events after the first one equal to {@code marker}. */
    private static List<String> after(List<String> events, String marker) {
        List<String> all = snapshot(events);
        int i = all.indexOf(marker);
        assertThat(i).as("index of \"" + marker + "\" in " + all.subList(0, Math.min(all.size(), 20))).isNotNegative();
        return all.subList(i + 1, all.size());
    }

    /** The peer sends numbered text messages as fast as it can (at most 20,000, at most 5 s). */
    private void stream(ScriptedPeer.Connection connection, String prefix) {
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                for (int i = 0; i < 20_000 && System.nanoTime() < end && !Thread.currentThread().isInterrupted(); i++) {
                    connection.text(prefix + i);
                }
            } catch (IOException e) {
                // the connection ended
            }
        }, "stream-" + prefix);
        t.setDaemon(true);
        streams.add(t);
        t.start();
    }
}
