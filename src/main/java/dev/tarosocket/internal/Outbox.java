package dev.tarosocket.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The outgoing messages of one socket and its in-flight window. Pure bookkeeping, no I/O; not
 * thread-safe: every method is called with the socket's lock held.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every item is in exactly one place: {@code queue} (waiting), {@code inFlight} (handed to the
 *       container of the current connection, not yet reported) or nowhere (completed, or orphaned:
 *       taken out by whoever ended its connection, who completes it). An item leaves {@code inFlight}
 *       once: {@link #release} returns true to one caller only.</li>
 *   <li>{@code bufferedBytes} is the data bytes of the items in {@code queue} and {@code inFlight}:
 *       the bytes not yet reported written. It is never negative.</li>
 *   <li>At most {@code window} items are in flight; a close is handed over only when nothing is in
 *       flight, and nothing after it.</li>
 *   <li>{@code window} only shrinks, to 1, when this socket's container refused a concurrent send
 *       or is known to refuse them.</li>
 * </ul>
 * One writer at a time is {@link Writer}'s invariant (its {@code wip} counter), not kept here.
 */
final class Outbox {

    private final long maxBufferedBytes;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();    // waiting, FIFO (a text ping may jump it)
    private final ArrayDeque<Outgoing> inFlight = new ArrayDeque<>(); // handed over, in order
    private int window;             // how many may be in flight, at least 1
    private long claims;            // items claimed so far: each claim's Outgoing.claimSeq
    private long bufferedBytes;     // data bytes in queue and inFlight
    private List<Outgoing> stale;   // items found past their deadline by claim(); null when none

    Outbox(long maxBufferedBytes, int window) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.window = Math.max(1, window);
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    int window() {
        return window;
    }

    /** The container is known not to take a send while another is in flight. */
    void oneAtATime() {
        window = 1;
    }

    /** Queues a data item if it fits; otherwise returns why not and queues nothing. */
    String offer(Outgoing item) {
        if (bufferedBytes + item.bytes > maxBufferedBytes) {
            return "send buffer full: " + bufferedBytes + " bytes queued, this message " + item.bytes
                    + " bytes, limit " + maxBufferedBytes;
        }
        queue.add(item);
        bufferedBytes += item.bytes;
        return null;
    }

    /** Puts a heartbeat's text ping first in line: it never waits behind queued data. */
    void offerFirst(Outgoing ping) {
        queue.addFirst(ping);
    }

    /** Queues the close behind the data sent before it. */
    void offerClose(Outgoing close) {
        queue.add(close);
    }

    /** Whether items wait in the queue (claimable now or once the window has room). */
    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /**
     * The next item to hand over, now in flight; null when the window is full, nothing waits, or the
     * next is a close while data is in flight. Items past their deadline are set aside for
     * {@link #takeStale()}.
     */
    Outgoing claim(long nowNanos) {
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
        next.claimSeq = ++claims;
        next.besideOthers = !inFlight.isEmpty();
        inFlight.add(next);
        return next;
    }

    /** Items past their deadline found by {@link #claim}, or null. */
    List<Outgoing> takeStale() {
        List<Outgoing> s = stale;
        stale = null;
        return s;
    }

    /** Whether items other than {@code item} are in flight (a refusal can only be about concurrency then). */
    boolean othersInFlight(Outgoing item) {
        return inFlight.size() > (inFlight.contains(item) ? 1 : 0);
    }

    /**
     * The container refused {@code item} (threw when it was handed over, or reported that it could
     * not start the write), so it was not sent: it goes back to the head of the queue, in front of
     * everything never handed over and behind refused items that were handed over before it (a
     * container that reports refusals late may report them out of order). With {@code concurrency},
     * the container refused a second send in flight: this socket sends one at a time from now on.
     *
     * @return false if the item was no longer in flight (its connection ended meanwhile and completed it)
     */
    boolean refused(Outgoing item, boolean concurrency) {
        if (!inFlight.remove(item)) {
            return false;
        }
        if (concurrency) {
            window = 1;
        }
        // step over refused items handed over before it, and over pings put first meanwhile (their
        // place among data does not matter)
        ArrayDeque<Outgoing> earlier = null;
        while (!queue.isEmpty() && (queue.peekFirst().claimSeq != 0
                ? queue.peekFirst().claimSeq < item.claimSeq : queue.peekFirst().isPing())) {
            if (earlier == null) {
                earlier = new ArrayDeque<>();
            }
            earlier.push(queue.pollFirst());
        }
        queue.addFirst(item);
        while (earlier != null && !earlier.isEmpty()) {
            queue.addFirst(earlier.pop());
        }
        return true;
    }

    /** The container reported {@code item}: true if it was in flight; false if it was orphaned. */
    boolean release(Outgoing item) {
        if (!inFlight.remove(item)) {
            return false;
        }
        bufferedBytes -= item.bytes;
        return true;
    }

    /** The items in flight when their connection ended: taken out, to be completed by the caller. */
    List<Outgoing> orphanInFlight() {
        if (inFlight.isEmpty()) {
            return List.of();
        }
        List<Outgoing> orphans = new ArrayList<>(inFlight);
        inFlight.clear();
        orphans.forEach(o -> bufferedBytes -= o.bytes);
        return orphans;
    }

    /**
     * The items that do not survive a reconnect: heartbeat pings and a close the application asked
     * for (a close ends the socket anyway). Data waits for the next connection.
     */
    List<Outgoing> dropControl() {
        List<Outgoing> dropped = new ArrayList<>();
        queue.removeIf(o -> (o.isClose() || o.isPing()) && dropped.add(o));
        return dropped;
    }

    /** The oldest data item the container has held longer than {@code timeoutNanos}, or null. */
    Outgoing stuck(long nowNanos, long timeoutNanos) {
        Outgoing oldest = inFlight.peek();
        return oldest == null || oldest.isClose() || nowNanos - oldest.handedOverNanos < timeoutNanos ? null : oldest;
    }

    /** Empties the queue and the window: everything not completed, in order, for the caller to complete. */
    List<Outgoing> drainAll() {
        List<Outgoing> all = new ArrayList<>(inFlight);
        all.addAll(queue);
        inFlight.clear();
        queue.clear();
        bufferedBytes = 0;
        return all;
    }

    /** Removes the data items waiting (not a close), in order. */
    List<Outgoing> drainData() {
        List<Outgoing> dropped = new ArrayList<>();
        queue.removeIf(o -> !o.isClose() && dropped.add(o));
        dropped.forEach(o -> bufferedBytes -= o.bytes);
        return dropped;
    }

    @Override
    public String toString() {
        return "Outbox[queued=" + queue.size() + ", inFlight=" + inFlight.size() + ", window=" + window
                + ", bufferedBytes=" + bufferedBytes + "]";
    }
}
