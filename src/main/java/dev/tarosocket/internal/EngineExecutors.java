package dev.tarosocket.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/**
 * The executor (handshakes, delivery lanes) and scheduler (timeouts) of a manager. In a Jakarta EE
 * server: the default managed executors, looked up in JNDI and never shut down by us. On Java SE: a
 * pool of daemon threads named {@code taro-socket-N} and one scheduler thread, shut down on {@link #close()}.
 */
public final class EngineExecutors {

    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String MANAGED_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final boolean owned; // whether close() shuts them down

    private EngineExecutors(ExecutorService executor, ScheduledExecutorService scheduler, boolean owned) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.owned = owned;
    }

    /** Executors the caller owns (and shuts down). */
    public static EngineExecutors given(ExecutorService executor, ScheduledExecutorService scheduler) {
        return new EngineExecutors(executor, scheduler, false);
    }

    /** The server's managed executors if JNDI has them, else our own. */
    public static EngineExecutors managedOrOwn() {
        ExecutorService managed = lookup(MANAGED_EXECUTOR, ExecutorService.class);
        ScheduledExecutorService managedScheduler = lookup(MANAGED_SCHEDULER, ScheduledExecutorService.class);
        if (managed != null && managedScheduler != null) {
            Log.LOG.log(INFO, "taro-socket: using the server's default managed executors");
            return new EngineExecutors(managed, managedScheduler, false);
        }
        return own();
    }

    /** A daemon pool and scheduler of our own. */
    public static EngineExecutors own() {
        ExecutorService pool = Executors.newCachedThreadPool(daemon("taro-socket-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("taro-socket-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        return new EngineExecutors(pool, timer, true);
    }

    public boolean isManaged() {
        return !owned;
    }

    ExecutorService executor() {
        return executor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    void close() {
        if (!owned) {
            return;
        }
        scheduler.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            Object found = new javax.naming.InitialContext().lookup(name);
            return type.isInstance(found) ? type.cast(found) : null;
        } catch (javax.naming.NamingException | RuntimeException | LinkageError e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: no " + name + " (" + e + "); using own threads");
            return null;
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
