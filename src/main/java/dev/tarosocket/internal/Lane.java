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
 */
final class Lane implements Executor {

    static final int BATCH = 64;
    /** Set while the current thread runs a lane's tasks: it must not wait for lanes to drain. */
    private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean(); // true while a drain is queued or running

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
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The pool is shut down (application ending): deliver what is left on this thread
                // rather than lose completions.
                drain();
            }
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
                RUNNING.remove();
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
