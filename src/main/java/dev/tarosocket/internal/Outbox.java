package dev.tarosocket.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outgoing queue of one socket: items wait in FIFO order, one is in flight at a time, and the
 * bytes they hold are bounded. Not thread-safe: every method is called with the socket's lock held.
 */
final class Outbox {

    private final long maxBufferedBytes;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>(); // waiting to be written, FIFO
    private Outgoing inFlight;     // handed to the container, not yet reported; null when none
    private long inFlightSince;    // System.nanoTime() when inFlight was handed over
    private boolean pumping;       // a thread is inside the container's write call
    private long bufferedBytes;    // data bytes in queue and inFlight

    Outbox(long maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
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

    /**
     * The next item to hand to the container, now marked in flight; null when one is already in
     * flight or being written, or nothing waits. Items past their deadline are moved to {@code stale}.
     */
    Outgoing next(long nowNanos, List<Outgoing> stale) {
        if (pumping || inFlight != null) {
            return null;
        }
        Outgoing next = queue.poll();
        while (next != null && next.isStale(nowNanos)) {
            bufferedBytes -= next.bytes;
            stale.add(next);
            next = queue.poll();
        }
        if (next != null) {
            inFlight = next;
            inFlightSince = nowNanos;
            pumping = !next.isClose();
        }
        return next;
    }

    /** The write call handed the item over (its report may still come). */
    void writeReturned() {
        pumping = false;
    }

    /** The container reported {@code item}: true if it was still in flight, false if the connection dropped it. */
    boolean release(Outgoing item) {
        if (inFlight != item) {
            return false;
        }
        inFlight = null;
        bufferedBytes -= item.bytes;
        return true;
    }

    /** The close frame was written: nothing is in flight any more. */
    void closeWritten(Outgoing close) {
        if (inFlight == close) {
            inFlight = null;
        }
    }

    /** The item in flight when its connection ended, now let go (its report may still come), or null. */
    Outgoing orphanInFlight() {
        Outgoing orphan = inFlight;
        if (orphan != null) {
            inFlight = null;
            bufferedBytes -= orphan.bytes;
        }
        return orphan;
    }

    /** The item the container has held longer than {@code timeoutNanos}, or null. */
    Outgoing stuck(long nowNanos, long timeoutNanos) {
        Outgoing stuck = inFlight;
        return stuck == null || stuck.isClose() || nowNanos - inFlightSince < timeoutNanos ? null : stuck;
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
