package dev.tarosocket.internal;

import dev.tarosocket.Registration;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Listeners of one event type; registering returns the {@link Registration} that removes it.
 *
 * <p>Invariant: {@code items} is never changed in place; adding or removing replaces it under this
 * object's monitor. So firing (the receive path, once per message) reads one volatile array and
 * allocates nothing, and a {@link #snapshot()} is the array itself.
 */
final class Listeners<E> {

    private static final Object[] NONE = new Object[0];

    private volatile Object[] items = NONE;

    Registration add(Consumer<? super E> listener) {
        synchronized (this) {
            Object[] now = items;
            Object[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = listener;
            items = next;
        }
        return new Registration() {
            private boolean closed; // guarded by the Listeners' monitor

            @Override
            public void close() {
                synchronized (Listeners.this) {
                    if (!closed) {
                        closed = true; // a second close must not remove another registration of the same listener
                        removeLocked(listener);
                    }
                }
            }
        };
    }

    /** Removes the first registration of {@code listener}, if any; the monitor is held. */
    private void removeLocked(Object listener) {
        Object[] now = items;
        for (int i = 0; i < now.length; i++) {
            if (Objects.equals(now[i], listener)) {
                Object[] next = new Object[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                items = next;
                return;
            }
        }
    }

    void addAll(List<? extends Consumer<? super E>> listeners) {
        if (listeners.isEmpty()) {
            return;
        }
        synchronized (this) {
            Object[] now = items;
            Object[] next = Arrays.copyOf(now, now.length + listeners.size());
            for (int i = 0; i < listeners.size(); i++) {
                next[now.length + i] = listeners.get(i);
            }
            items = next;
        }
    }

    /** A stable view of the listeners registered now (never changed afterwards; do not change it). */
    Object[] snapshot() {
        return items;
    }

    @SuppressWarnings("unchecked")
    static <E> void fire(Object[] snapshot, E event, String what) {
        for (Object l : snapshot) {
            Log.guarded(what, () -> ((Consumer<? super E>) l).accept(event));
        }
    }

    /** Calls each listener; one that throws is logged and skipped (no lambda or iterator per call: a hot path). */
    @SuppressWarnings("unchecked")
    void fire(E event, String what) {
        for (Object l : items) {
            try {
                ((Consumer<? super E>) l).accept(event);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                Log.LOG.log(System.Logger.Level.WARNING, "taro-socket: " + what + " threw; ignored", e);
            }
        }
    }
}
