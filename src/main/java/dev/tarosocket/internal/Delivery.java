package dev.tarosocket.internal;

import dev.tarosocket.event.SocketEvent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs one socket's listeners and call callbacks, never on the caller's thread when it holds a lock,
 * and never while the socket's lock is held.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Events run on the event lane, one at a time, in the order they were handed in (per-socket
 *       FIFO; a slow listener delays only its own socket).</li>
 *   <li>Completions of calls that have callbacks run on a lane of their own, in order: a listener that
 *       waits for a call it made (a {@code join()} in {@code onMessage}) never waits for itself.</li>
 *   <li>A message of connection {@code g} runs only if the end of {@code g} has not run before it:
 *       nothing from an older connection after its reconnecting or close event.</li>
 *   <li>The close event runs once and last: no event of the socket runs after it.</li>
 * </ul>
 */
final class Delivery {

    private final Lane events;
    private final Lane calls;
    private volatile int endedGeneration; // the newest connection whose end the event lane delivered
    private volatile boolean closed;      // the close event ran (or is running): nothing more

    Delivery(Executor pool) {
        this.events = new Lane(pool);
        this.calls = new Lane(pool);
    }

    /** An event of connection {@code gen} (open, error, reconnected); dropped once that connection's end ran. */
    void event(int gen, Runnable fire) {
        enqueue(gen, fire);
        schedule();
    }

    /**
     * Queues an event of connection {@code gen} without running anything, so that it may be called
     * under the socket's lock: its place before a later end is then fixed. {@link #schedule()} follows.
     */
    void enqueue(int gen, Runnable fire) {
        events.add(() -> {
            if (!closed && gen > endedGeneration) {
                fire.run();
            }
        });
    }

    void schedule() {
        events.schedule();
    }

    /**
     * A message of connection {@code gen}; {@code done} runs whether it was delivered or dropped
     * (it gives its bytes back to the inbox).
     */
    void message(int gen, Runnable fire, Runnable done) {
        events.execute(() -> {
            try {
                if (!closed && gen > endedGeneration) {
                    fire.run();
                }
            } finally {
                done.run();
            }
        });
    }

    /** The end of connection {@code gen} when the socket will reconnect: its error and reconnecting events. */
    void connectionEnded(int gen, Runnable fire) {
        events.execute(() -> {
            if (closed) {
                return;
            }
            endedGeneration = Math.max(endedGeneration, gen);
            fire.run();
        });
    }

    /** The socket's end: its last error event and the close event, once; nothing runs after. */
    void closed(Runnable fire) {
        events.execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            fire.run();
        });
    }

    /** A sticky open event for a listener registered late; dropped once the socket closed. */
    void late(Runnable fire) {
        events.execute(() -> {
            if (!closed) {
                fire.run();
            }
        });
    }

    /** Completes a call: on the calls lane when it runs user callbacks, else at once on this thread. */
    void complete(PendingCall<?> call, Runnable completion) {
        if (call.hasCallbacks()) {
            calls.execute(completion);
        } else {
            completion.run();
        }
    }

    /** Completes when both lanes have run what was handed to them before this call. */
    CompletableFuture<Void> drained() {
        CompletableFuture<Void> e = new CompletableFuture<>();
        CompletableFuture<Void> c = new CompletableFuture<>();
        events.execute(() -> e.complete(null));
        calls.execute(() -> c.complete(null));
        return CompletableFuture.allOf(e, c);
    }

    /** Fires {@code event} to the socket's listeners, then the manager's, then to CDI. */
    static <E extends SocketEvent> void fire(E event, Listeners<E> local, Listeners<E> global, SocketEngine engine,
                                             ManagedSocket socket, String what) {
        local.fire(event, what);
        if (global != null) {
            global.fire(event, what);
        }
        engine.publish(event, socket);
    }
}
