package dev.tarosocket.internal;

import dev.tarosocket.ReadyState;
import dev.tarosocket.ReconnectPolicy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The life of one socket as pure transitions: no I/O, no clock or thread of its own, no callbacks.
 * Each transition returns what the caller must do. Not thread-safe: the socket calls it with its lock
 * held, and does what the decision says after releasing the lock.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code state} moves CONNECTING &rarr; OPEN &rarr; CLOSING &rarr; CLOSED; any state but CLOSED
 *       may go back to CONNECTING (a reconnect) or to CLOSED (the end). CLOSED is terminal.</li>
 *   <li>{@code generation} names the current connection attempt and only grows; a report about another
 *       generation changes nothing.</li>
 *   <li>Once {@code closeRequested} is set (the application or the shutdown asked to close) the socket
 *       never reconnects.</li>
 *   <li>The end is decided once: {@link #end} returns {@link Kind#ENDED} to exactly one caller.</li>
 *   <li>Each connection fires at most one error event ({@link #claimError}).</li>
 * </ul>
 */
final class SocketState {

    /** What the caller of {@link #end} must do. */
    enum Kind {
        /** The report is about an old connection or an ended socket: do nothing. */
        IGNORE,
        /** The connection ended; connect again as {@code generation} after {@code delay}. */
        RECONNECT,
        /** The socket ended for good: free the slot, fail what is pending, deliver the close event. */
        ENDED
    }

    /**
     * @param kind      what to do
     * @param delay     before the next attempt (RECONNECT only)
     * @param attempt   the attempt number, from 1 (RECONNECT only)
     * @param fireError whether this end fires the connection's error event (it had none yet)
     */
    record Decision(Kind kind, Duration delay, int attempt, boolean fireError) {
        static final Decision IGNORE = new Decision(Kind.IGNORE, null, 0, false);
    }

    private ReadyState state = ReadyState.CONNECTING;
    private int generation = 1;      // the current connection attempt
    private boolean closeRequested;  // no reconnect once set
    private boolean errorFired;      // the current connection fired its error event
    private int attempts;            // reconnect attempts since the last stable connection
    private long openedNanos;        // when the current connection opened (caller's clock)
    private boolean everOpened;      // some connection of this socket opened

    ReadyState state() {
        return state;
    }

    int generation() {
        return generation;
    }

    boolean everOpened() {
        return everOpened;
    }

    int attempts() {
        return attempts;
    }

    /** Whether {@code gen} is the current connection and the socket has not ended. */
    boolean isCurrent(int gen) {
        return gen == generation && state != ReadyState.CLOSED;
    }

    /** The handshake of {@code gen} succeeded: true if it is accepted (OPEN now), false if it came too late. */
    boolean open(int gen, long nowNanos) {
        if (gen != generation || state != ReadyState.CONNECTING) {
            return false;
        }
        state = ReadyState.OPEN;
        openedNanos = nowNanos;
        everOpened = true;
        return true;
    }

    /**
     * The application (or the shutdown) asks to close: no reconnect from now on; an OPEN socket
     * becomes CLOSING. Returns the state before the request, which decides what the close does.
     */
    ReadyState requestClose() {
        ReadyState was = state;
        if (was != ReadyState.CLOSED) {
            closeRequested = true;
        }
        if (was == ReadyState.OPEN) {
            state = ReadyState.CLOSING;
        }
        return was;
    }

    boolean closeRequested() {
        return closeRequested;
    }

    /** True once per connection: the caller fires that connection's one error event. */
    boolean claimError(int gen) {
        if (gen != generation || state == ReadyState.CLOSED || errorFired) {
            return false;
        }
        errorFired = true;
        return true;
    }

    /**
     * Connection {@code gen} ended as {@code end} says.
     *
     * @param onlyWhileConnecting ignore the end unless the socket is still CONNECTING (a handshake
     *                            failure or timeout that a close already overtook)
     * @param policy              the socket's reconnect policy, or null
     * @param shutDown            whether the manager is shutting down (no reconnect then)
     */
    Decision end(int gen, End end, boolean onlyWhileConnecting, ReconnectPolicy policy, boolean shutDown,
                 long nowNanos, RandomGenerator random) {
        if (gen != generation || state == ReadyState.CLOSED
                || (onlyWhileConnecting && state != ReadyState.CONNECTING)) {
            return Decision.IGNORE;
        }
        boolean fireError = end.error() != null && !errorFired;
        Duration delay = null;
        if (policy != null && !closeRequested && !shutDown && end.retryable()) {
            boolean wasOpen = state == ReadyState.OPEN || state == ReadyState.CLOSING;
            if (wasOpen && nowNanos - openedNanos >= policy.stableAfter().toNanos()) {
                attempts = 0;
            }
            if (attempts < policy.maxAttempts()) {
                attempts++;
                delay = policy.delay(attempts, random);
            }
        }
        if (delay != null) {
            state = ReadyState.CONNECTING;
            generation++;
            errorFired = false;
            return new Decision(Kind.RECONNECT, delay, attempts, fireError);
        }
        state = ReadyState.CLOSED;
        errorFired = true;
        return new Decision(Kind.ENDED, null, attempts, fireError);
    }

    @Override
    public String toString() {
        return state + "#" + generation + (closeRequested ? ",closeRequested" : "") + ",attempts=" + attempts;
    }
}
