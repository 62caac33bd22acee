package dev.tarosocket.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A socket's delivery lane: runs its tasks one at a time, in submission order, on a shared pool.
 * A slow task delays only its own lane; a lane yields its pool thread after {@link #BATCH} tasks so
 * that a busy socket cannot starve the others.
 *
 * <p>Invariant: {@code scheduled} is the lane's one right to run tasks; whoever holds it (a drain on
 * the pool, or a thread that {@link #enter}ed an idle lane) runs them one at a time, and on giving it
 * back re-schedules if tasks arrived meanwhile. A hand-off costs one queue node, and one pool task
 * only when the lane was idle.
 */
final class Lane implements Executor {

    static final int BATCH = 64;
    /** Set while the current thread runs a lane's tasks: it must not wait for lanes to drain. */
    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean(); // true while a drain is queued or running
    private final Runnable drain = this::drain;                  // one instance: scheduling allocates no lambda

    Lane(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Queues a task without running anything: safe under a lock, to fix the task's place in the lane
     * relative to what another thread queues next. {@link #schedule()} must follow, outside the lock.
     */
    void add(Runnable task) {
        tasks.add(task);
    }

    /** Makes sure a drain of the queued tasks is running or queued on the pool. */
    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(drain);
            } catch (RejectedExecutionException e) {
                // The pool is shut down (application ending): deliver what is left on this thread
                // rather than lose completions.
                drain();
            }
        }
    }

    /**
     * Takes the lane's right on the calling thread if the lane is idle (nothing queued, no drain
     * queued or running, and this thread not already on a lane): the caller then runs its task here,
     * in the lane's place, and must call {@link #exit()}. False: the caller queues it instead.
     */
    boolean enter() {
        if (!tasks.isEmpty() || RUNNING.get() != null || !scheduled.compareAndSet(false, true)) {
            return false;
        }
        RUNNING.set(Boolean.TRUE);
        return true;
    }

    /** Gives back the right taken by {@link #enter()}; what was queued meanwhile runs on the pool. */
    void exit() {
        RUNNING.set(null); // not remove(): a set after remove() allocates a new map entry every time
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    /** Whether the calling thread is running some lane's task (a listener, a callback). */
    static boolean isLaneThread() {
        return RUNNING.get() != null;
    }

    private void drain() {
        boolean nested = RUNNING.get() != null; // drained inline by a thread already on a lane
        RUNNING.set(Boolean.TRUE);
        try {
            drainBatch();
        } finally {
            if (!nested) {
                RUNNING.set(null); // keeps the thread's map entry: the next set allocates nothing
            }
        }
    }

    private void drainBatch() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                scheduled.set(false);
                if (!tasks.isEmpty()) {
                    schedule();
                }
                return;
            }
            Log.guarded("socket task", task);
        }
        scheduled.set(false);
        schedule();
    }
}
