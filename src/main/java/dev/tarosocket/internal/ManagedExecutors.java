package dev.tarosocket.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server's managed executors as the engine needs them.
 *
 * <p>Invariant: a managed executor that refuses a task surfaces as {@link RejectedExecutionException},
 * whatever the server throws. WildFly, suspended for a graceful shutdown, refuses with an
 * {@code IllegalStateException} (WFLYEE0126); a contextual proxy may wrap the refusal. The engine
 * treats a rejection as "the application is ending" and does the work on the calling thread (a
 * socket's last events, its close), so a refusal never loses a close.
 *
 * <p>Every {@code execute} goes through {@code submitter} when there is one: a contextual proxy of
 * the managed executor made at application start, so that the task carries the application's
 * context (and no caller's identity), whichever thread submits it; except on the thread that
 * starts the application, while it does ({@link ApplicationStart}), which submits directly.
 * Life-cycle methods reach the managed executor, which the engine never shuts down.
 */
final class ManagedExecutors {

    private ManagedExecutors() {
    }

    static ExecutorService executor(ExecutorService managed, Executor submitter) {
        return new Submission(managed, submitter != null ? submitter : managed::execute);
    }

    static ScheduledExecutorService scheduler(ScheduledExecutorService managed) {
        return new Scheduling(managed);
    }

    /** Runs {@code submit}; any refusal becomes a {@link RejectedExecutionException}. */
    static <T> T refusing(Callable<T> submit) {
        try {
            return submit.call();
        } catch (RejectedExecutionException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof UndeclaredThrowableException || cause instanceof InvocationTargetException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RejectedExecutionException r) {
                throw r;
            }
            throw new RejectedExecutionException("the managed executor refused the task: " + cause, cause);
        }
    }

    /** Makes {@code executor}, if made by {@link #executor}, refuse every task from now on. */
    static void refuseFromNowOn(ExecutorService executor) {
        if (executor instanceof Submission s) {
            s.refusing = true;
        }
    }

    /** The server's executor's life cycle, delegated: the library never shuts a managed executor down itself. */
    private abstract static class Delegating extends AbstractExecutorService {
        final ExecutorService managed;

        Delegating(ExecutorService managed) {
            this.managed = managed;
        }

        @Override
        public void shutdown() {
            managed.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return managed.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return managed.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return managed.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return managed.awaitTermination(timeout, unit);
        }
    }

    private static final class Submission extends Delegating {
        private final Executor submitter;
        // set once when the application ends: tasks then run where they are submitted (the engine's
        // fallback), on the thread ending the application, which still has its context; a task queued
        // on a managed executor of an application being undeployed may never run
        private volatile boolean refusing;

        Submission(ExecutorService managed, Executor submitter) {
            super(managed);
            this.submitter = submitter;
        }

        @Override
        public void execute(Runnable task) {
            if (refusing) {
                throw new RejectedExecutionException("the application is ending");
            }
            // while the application starts, its deployment thread has the application's context: no
            // proxy (applying it there makes Open Liberty initialize the starting module again)
            Executor to = ApplicationStart.onThisThread() ? managed : submitter;
            refusing(() -> {
                to.execute(task);
                return null;
            });
        }

    }

    private static final class Scheduling extends Delegating implements ScheduledExecutorService {
        private final ScheduledExecutorService scheduler;

        Scheduling(ScheduledExecutorService managed) {
            super(managed);
            this.scheduler = managed;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return refusing(() -> scheduler.schedule(command, delay, unit));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return refusing(() -> scheduler.schedule(callable, delay, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return refusing(() -> scheduler.scheduleAtFixedRate(command, initialDelay, period, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            return refusing(() -> scheduler.scheduleWithFixedDelay(command, initialDelay, delay, unit));
        }

        @Override
        public void execute(Runnable command) {
            refusing(() -> {
                managed.execute(command);
                return null;
            });
        }

    }
}
