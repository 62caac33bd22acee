package dev.tarosocket.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What one {@link TestServer} saw, shared by its endpoint instances: open sessions, close
 * reasons, received messages and errors, each in arrival order.
 *
 * <p>Contract: thread-safe; every accessor returns an immutable snapshot; every
 * {@code await...} waits on this object's monitor (no sleeping) and throws
 * {@link AssertionError} naming what it waited for when the time runs out.
 */
final class ServerRecorder {

    private final Object lock = new Object();

    // guarded by lock; sessions whose onOpen ran and whose onClose has not, in open order
    private final Set<Session> open = new LinkedHashSet<>();
    // guarded by lock; append-only, one entry per server-side onClose, in order
    private final List<CloseReason> closes = new ArrayList<>();
    // guarded by lock; append-only, text messages received on /record, in arrival order
    private final List<String> texts = new ArrayList<>();
    // guarded by lock; append-only, byte counts of binary messages received on /record
    private final List<Integer> binarySizes = new ArrayList<>();
    // guarded by lock; append-only, throwables passed to any server endpoint's onError
    private final List<Throwable> errors = new ArrayList<>();

    void opened(Session session) {
        change(() -> open.add(session));
    }

    void closed(Session session, CloseReason reason) {
        change(() -> {
            open.remove(session);
            closes.add(reason);
        });
    }

    void text(String message) {
        change(() -> texts.add(message));
    }

    void binary(int size) {
        change(() -> binarySizes.add(size));
    }

    void error(Throwable t) {
        change(() -> errors.add(t));
    }

    List<Session> openSessions() {
        synchronized (lock) {
            return List.copyOf(open);
        }
    }

    List<CloseReason> closes() {
        synchronized (lock) {
            return List.copyOf(closes);
        }
    }

    List<String> texts() {
        synchronized (lock) {
            return List.copyOf(texts);
        }
    }

    List<Integer> binarySizes() {
        synchronized (lock) {
            return List.copyOf(binarySizes);
        }
    }

    List<Throwable> errors() {
        synchronized (lock) {
            return List.copyOf(errors);
        }
    }

    /**
     * Waits until {@code condition} (evaluated under the monitor) holds.
     *
     * @throws AssertionError naming {@code what} and the current state when time runs out
     */
    void await(BooleanSupplier condition, Duration timeout, String what) {
        Monitors.await(lock, condition, timeout, what, () -> "open=" + open.size() + " closes=" + closes
                + " texts=" + texts.size() + " binaries=" + binarySizes.size() + " errors=" + errors);
    }

    /** Counts below are safe inside {@link #await} conditions: the monitor is reentrant. */
    int openCount() {
        synchronized (lock) {
            return open.size();
        }
    }

    int closeCount() {
        synchronized (lock) {
            return closes.size();
        }
    }

    int textCount() {
        synchronized (lock) {
            return texts.size();
        }
    }

    int binaryCount() {
        synchronized (lock) {
            return binarySizes.size();
        }
    }

    private void change(Runnable mutation) {
        synchronized (lock) {
            mutation.run();
            lock.notifyAll();
        }
    }
}
