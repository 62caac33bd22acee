package dev.tarosocket.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outgoing queue of one socket: items wait in FIFO order and are handed to the container in that
 * order by one thread at a time; up to {@code window} whole messages may be in flight (the container
 * queues them in order), one where the container refuses concurrent sends. The bytes they hold are
 * bounded. A close is handed over only once nothing is in flight. Not thread-safe: every method is
 * called with the socket's lock held.
 */
final class Outbox {

    private final long maxBufferedBytes;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();    // waiting to be written, FIFO
    private final ArrayDeque<Outgoing> inFlight = new ArrayDeque<>(); // handed over, not yet reported, in order
    private int window;            // how many may be in flight, at least 1
    private boolean pumping;       // a thread is handing items to the container
    private long bufferedBytes;    // data bytes in queue and inFlight
    private List<Outgoing> stale;  // items found past their deadline by next(); null when none

    Outbox(long maxBufferedBytes, int window) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.window = Math.max(1, window);
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    /** Queues a data item if it fits; otherwise returns why not (and queues nothing). */
    String offer(Outgoing item) {
        if (bufferedBytes + item.bytes > maxBufferedBytes) {
            return "send buffer full: " + bufferedBytes + " bytes queued, this message " + item.bytes
                    + " bytes, limit " + maxBufferedBytes;
        }
        queue.add(item);
        bufferedBytes += item.bytes;
        return null;
    }

    /** Queues the close behind the data sent before it. */
    void offerClose(Outgoing close) {
        queue.add(close);
    }

    /** Claims the right to hand items over; false if another thread has it. */
    boolean startPumping() {
        if (pumping) {
            return false;
        }
        pumping = true;
        return true;
    }

    void stopPumping() {
        pumping = false;
    }

    /**
     * The next item to hand to the container, now in flight; null when the window is full, nothing
     * waits, or the next is a close and data is still in flight. Items past their deadline are set
     * aside for {@link #takeStale()}.
     */
    Outgoing next(long nowNanos) {
        if (inFlight.size() >= window) {
            return null;
        }
        Outgoing next = queue.peek();
        while (next != null && next.isStale(nowNanos)) {
            queue.poll();
            bufferedBytes -= next.bytes;
            if (stale == null) {
                stale = new ArrayList<>();
            }
            stale.add(next);
            next = queue.peek();
        }
        if (next == null || (next.isClose() && !inFlight.isEmpty())) {
            return null;
        }
        queue.poll();
        next.handedOverNanos = nowNanos;
        inFlight.add(next);
        return next;
    }

    /** Items past their deadline found by {@link #next(long)}, or null. */
    List<Outgoing> takeStale() {
        List<Outgoing> s = stale;
        stale = null;
        return s;
    }

    /**
     * Whether several items may be in flight. While so, an {@code IllegalStateException} from the
     * container is taken as a refusal of concurrent sends (the item is retried alone); once serial, as
     * a real failure. Deciding by the window rather than by what is in flight now avoids the race
     * with a send that completed in between.
     */
    boolean isConcurrent() {
        return window > 1;
    }

    /**
     * The container refused a send because another was in flight: take the items not handed over
     * back to the head of the queue, in their order, and send one at a time from now on.
     */
    void requeue(List<Outgoing> notHandedOver) {
        for (int i = notHandedOver.size() - 1; i >= 0; i--) {
            Outgoing item = notHandedOver.get(i);
            inFlight.remove(item);
            queue.addFirst(item);
        }
        window = 1;
    }

    /** The container reported {@code item}: true if it was in flight, false if the connection had dropped it. */
    boolean release(Outgoing item) {
        if (!inFlight.remove(item)) {
            return false;
        }
        bufferedBytes -= item.bytes;
        return true;
    }

    /** The close frame was written: it is no longer in flight. */
    void closeWritten(Outgoing close) {
        inFlight.remove(close);
    }

    /** The items in flight when their connection ended, now let go (their reports may still come). */
    List<Outgoing> orphanInFlight() {
        if (inFlight.isEmpty()) {
            return List.of();
        }
        List<Outgoing> orphans = new ArrayList<>(inFlight);
        inFlight.clear();
        orphans.forEach(o -> bufferedBytes -= o.bytes);
        return orphans;
    }

    /** The oldest data item the container has held longer than {@code timeoutNanos}, or null. */
    Outgoing stuck(long nowNanos, long timeoutNanos) {
        Outgoing oldest = inFlight.peek();
        return oldest == null || oldest.isClose() || nowNanos - oldest.handedOverNanos < timeoutNanos ? null : oldest;
    }

    /** Empties the queue: everything waiting, in order. */
    List<Outgoing> drainAll() {
        List<Outgoing> all = new ArrayList<>(queue);
        queue.clear();
        bufferedBytes = 0;
        return all;
    }

    /** Removes the data items waiting (not the close), in order. */
    List<Outgoing> drainData() {
        List<Outgoing> dropped = new ArrayList<>();
        queue.removeIf(o -> !o.isClose() && dropped.add(o));
        dropped.forEach(o -> bufferedBytes -= o.bytes);
        return dropped;
    }
}
