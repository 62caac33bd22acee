package dev.tarosocket.internal;

import dev.tarosocket.Registration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Listeners of one event type; registering returns the {@link Registration} that removes it. */
final class Listeners<E> {

    private final CopyOnWriteArrayList<Consumer<? super E>> list = new CopyOnWriteArrayList<>();

    Registration add(Consumer<? super E> listener) {
        list.add(listener);
        return () -> list.remove(listener);
    }

    void addAll(List<? extends Consumer<? super E>> listeners) {
        list.addAll(listeners);
    }

    /** A stable view of the listeners registered now. */
    Object[] snapshot() {
        return list.toArray();
    }

    @SuppressWarnings("unchecked")
    static <E> void fire(Object[] snapshot, E event, String what) {
        for (Object l : snapshot) {
            Log.guarded(what, () -> ((Consumer<? super E>) l).accept(event));
        }
    }

    /** Calls each listener; one that throws is logged and skipped (no lambda per call: a hot path). */
    void fire(E event, String what) {
        for (Consumer<? super E> l : list) {
            try {
                l.accept(event);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                Log.LOG.log(System.Logger.Level.WARNING, "taro-socket: " + what + " threw; ignored", e);
            }
        }
    }
}
