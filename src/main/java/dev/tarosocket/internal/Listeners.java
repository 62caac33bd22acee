package dev.tarosocket.internal;

import dev.tarosocket.Registration;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Listeners of one event type; registering returns the {@link Registration} that removes it.
 *
 * <p>Invariants: {@code entries} holds one {@link Entry} per registration still open, in
 * registration order, and is never changed in place; adding or removing replaces it under this
 * object's monitor. So firing (the receive path, once per message) reads one volatile array and
 * allocates nothing, and a {@link #snapshot()} is the array itself. A registration removes its own
 * entry (found by identity), once: the same listener registered twice stays registered once when
 * one of its registrations is closed, at its own place.
 */
final class Listeners<E> {

    private static final Object[] NONE = new Object[0];

    private volatile Object[] entries = NONE;

    Registration add(Consumer<? super E> listener) {
        Entry entry = new Entry(this, listener);
        append(entry);
        return entry;
    }

    void addAll(List<? extends Consumer<? super E>> listeners) {
        if (!listeners.isEmpty()) {
            append(listeners.stream().map(l -> new Entry(this, l)).toArray());
        }
    }

    /** Replaces {@code entries} with a copy that has {@code more} at its end. */
    private synchronized void append(Object... more) {
        Object[] now = entries;
        Object[] next = Arrays.copyOf(now, now.length + more.length);
        System.arraycopy(more, 0, next, now.length, more.length);
        entries = next;
    }

    /** A stable view of the registrations open now, for {@link #fire(Object[], Object, String)}; never changed. */
    Object[] snapshot() {
        return entries;
    }

    /** Calls each listener of a snapshot, each one's exception logged and skipped. */
    static <E> void fire(Object[] snapshot, E event, String what) {
        for (Object e : snapshot) {
            Consumer<Object> l = ((Entry) e).listener;
            Log.guarded(what, () -> l.accept(event));
        }
    }

    /** Calls each listener; one that throws is logged and skipped (no lambda or iterator per call: a hot path). */
    void fire(E event, String what) {
        for (Object e : entries) {
            try {
                ((Entry) e).listener.accept(event);
            } catch (RuntimeException | Error x) {
                if (x instanceof VirtualMachineError) {
                    throw x;
                }
                Log.LOG.log(System.Logger.Level.WARNING, "taro-socket: " + what + " threw; ignored", x);
            }
        }
    }

    /** Removes exactly {@code entry}, if it is still registered. */
    private synchronized void remove(Entry entry) {
        Object[] now = entries;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == entry) {
                Object[] next = new Object[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                entries = next;
                return; // a second close finds nothing
            }
        }
    }

    /** One registration: its listener, and the handle that removes exactly this entry. */
    private static final class Entry implements Registration {

        final Consumer<Object> listener;
        private final Listeners<?> owner;

        @SuppressWarnings("unchecked")
        Entry(Listeners<?> owner, Consumer<?> listener) {
            this.owner = owner;
            this.listener = (Consumer<Object>) listener;
        }

        @Override
        public void close() {
            owner.remove(this);
        }
    }
}
