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
 *   <li>Inline delivery (opt-in) runs a message on the container's thread only by taking the event
 *       lane's right while the lane is idle ({@link Lane#enter}): it is then the lane's next task, so
 *       the three rules above hold unchanged; when anything is queued the message queues behind it.</li>
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
     * Whether a message of connection {@code gen} may still be delivered: called only by a task on
     * the event lane (or a thread that {@link #enterInline entered} it), right before firing.
     */
    boolean deliverable(int gen) {
        return !closed && gen > endedGeneration;
    }

    /**
     * Queues a message task on the event lane; it checks {@link #deliverable} when it runs and gives
     * its bytes back to the inbox whether it delivered or dropped the message.
     */
    void message(Runnable task) {
        events.execute(task);
    }

    /**
     * Takes the event lane on the calling (container) thread if nothing waits in it, for one inline
     * message; {@link #exitInline()} must follow. False: the message queues like any other.
     */
    boolean enterInline() {
        return events.enter();
    }

    void exitInline() {
        events.exit();
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

    /** Completes a call with its {@code <api>:ok}: on the calls lane when it has callbacks, else here, allocating nothing. */
    void succeed(PendingCall<dev.tarosocket.CallbackResult> call) {
        if (call.hasCallbacks()) {
            calls.execute(() -> call.succeed(dev.tarosocket.CallbackResult.ok(call.api)));
        } else {
            // a send's api is the engine's constant: no look-up by name per message
            call.succeed(call.api == SocketEngine.SEND ? SEND_OK : dev.tarosocket.CallbackResult.ok(call.api));
        }
    }

    private static final dev.tarosocket.CallbackResult SEND_OK = dev.tarosocket.CallbackResult.ok(SocketEngine.SEND);

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
