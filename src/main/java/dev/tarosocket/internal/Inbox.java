package dev.tarosocket.internal;

/**
 * The incoming bytes of one socket that wait for its listeners, and the back-pressure that bounds them.
 * Thread-safe (its own monitor; never taken together with the socket's lock).
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code pendingBytes} is the size of the messages accepted from the container and not yet
 *       delivered or dropped by the socket's lane; it is never negative.</li>
 *   <li>It exceeds {@code maxBytes} by at most one message: the container thread that took it past
 *       the bound waits in {@link #holdBack} (JSR-356 has no demand API; a thread that does not return
 *       from {@code onMessage} stops the container from reading, so TCP flow control slows the peer)
 *       until the lane brings it back under the bound or the socket ends.</li>
 *   <li>After {@link #end()} nothing waits and nothing will.</li>
 * </ul>
 */
final class Inbox {

    private final long maxBytes;
    private long pendingBytes;  // guarded by this
    private int holding;        // container threads waiting in holdBack; guarded by this
    private boolean ended;      // the socket ended: never wait again; guarded by this

    Inbox(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A message of {@code bytes} was accepted: true if the inbox is now over its bound. */
    synchronized boolean add(long bytes) {
        pendingBytes += bytes;
        return pendingBytes > maxBytes && !ended;
    }

    /** The lane delivered (or dropped) a message of {@code bytes}. */
    synchronized void remove(long bytes) {
        pendingBytes -= bytes;
        if (holding > 0 && pendingBytes <= maxBytes) {
            notifyAll();
        }
    }

    /**
     * Makes the calling container thread wait while the inbox is over its bound and the socket lives.
     * An interrupt ends the wait early and is kept for the caller's caller.
     */
    synchronized void holdBack() {
        holding++;
        try {
            while (pendingBytes > maxBytes && !ended) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding--;
        }
    }

    /** Whether a container thread waits now: the peer is alive, we are the ones not reading. */
    synchronized boolean isHoldingBack() {
        return holding > 0;
    }

    synchronized long pendingBytes() {
        return pendingBytes;
    }

    /** The socket ended: release every waiting thread for good. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }
}
