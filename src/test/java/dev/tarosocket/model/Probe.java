package dev.tarosocket.model;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** What the model knows about one socket: its events (stamped), its calls, its sends by sequence number. */
final class Probe {

    /** One delivered event; {@code seq} is the echoed sequence number of a message, else -1. */
    record Rec(long stamp, SocketEvent event, long seq, String payloadDigest) {
        String kind() {
            return event.getClass().getSimpleName().replace("Socket", "").replace("Event", "");
        }

        @Override
        public String toString() {
            if (event instanceof SocketCloseEvent c) {
                return "Close(" + c.code() + (c.wasClean() ? ",clean" : "") + ")";
            }
            return seq >= 0 ? kind() + "#" + seq : kind();
        }
    }

    /**
     * A send the model made: its sequence number, the digest of its data, its call, and why it must
     * fail with NOT_OPEN (null when the contract allows success).
     */
    record Sent(long seq, String digest, Call call, String mustFailNotOpen) {
    }

    /** A fault injected at {@code stamp} while {@code reconnectedBefore} reconnected events had been delivered. */
    record Fault(long stamp, int reconnectedBefore) {
    }

    final int index;
    final AtomicLong clock;
    final List<Rec> events = new CopyOnWriteArrayList<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<Long, Sent> sends = new ConcurrentHashMap<>();
    final List<Fault> faults = new CopyOnWriteArrayList<>();
    final AtomicInteger slowRemaining = new AtomicInteger();
    /** Sends started (incremented before each send call): a sampler discards reads that raced a new send. */
    final AtomicLong sendsStarted = new AtomicLong();
    /** True while the slow listener is sleeping on the delivery lane. */
    volatile boolean slowBusy;
    volatile SocketTask task;
    volatile CompletableFuture<SocketCloseEvent> whenClosed;
    /** Clock value when the model first saw whenClosed completed (0 = not yet). */
    volatile long endedSeenStamp;
    volatile boolean closeCalled;
    final boolean reconnect;

    Probe(int index, AtomicLong clock, boolean reconnect) {
        this.index = index;
        this.clock = clock;
        this.reconnect = reconnect;
    }

    ConnectSocketOption.Builder listenOn(ConnectSocketOption.Builder b) {
        return b.onOpen(this::record).onError(this::record).onClose(this::record)
                .onReconnecting(this::record).onReconnected(this::record)
                .onMessage(m -> {
                    record(m);
                    if (slowRemaining.get() > 0) {
                        slowBusy = true;
                        slowRemaining.getAndUpdate(n -> Math.max(0, n - 1));
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a slow application listener
                        slowBusy = false;
                    }
                });
    }

    private void record(SocketEvent e) {
        long seq = -1;
        String digest = null;
        if (e instanceof SocketMessageEvent m) {
            if (m.isText()) {
                String t = m.text();
                digest = Payloads.digest(t.getBytes(StandardCharsets.UTF_8), true);
                seq = Payloads.seqOfText(t);
            } else {
                ByteBuffer b = m.binary().duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                digest = Payloads.digest(bytes, false);
                seq = Payloads.seqOfBinary(bytes);
            }
        }
        events.add(new Rec(clock.incrementAndGet(), e, seq, digest));
    }

    boolean ended() {
        return whenClosed != null && whenClosed.isDone();
    }

    int count(Class<? extends SocketEvent> type) {
        int n = 0;
        for (Rec r : events) {
            if (type.isInstance(r.event())) {
                n++;
            }
        }
        return n;
    }

    /** Sum of the sizes of this socket's sends whose stages have not completed yet (as the model saw them). */
    long pendingSendBytes() {
        long sum = 0;
        for (Sent s : sends.values()) {
            if (!s.call().done()) {
                sum += s.call().size;
            }
        }
        return sum;
    }

    boolean allCallsDone() {
        for (Call c : calls) {
            if (!c.done()) {
                return false;
            }
        }
        return true;
    }

    boolean reconnecting() {
        return count(SocketReconnectingEvent.class) != count(SocketReconnectedEvent.class);
    }

    String describe() {
        List<String> callText = new ArrayList<>();
        calls.forEach(c -> callText.add(c.toString()));
        return "socket#" + index + (task != null ? " " + task.readyState() + " buffered=" + task.bufferedAmount() : " (no task)")
                + "\n    events=" + events + "\n    calls=" + callText;
    }
}
