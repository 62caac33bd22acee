package dev.tarosocket.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/**
 * The executors of a manager: one for delivery lanes and short tasks, one for handshakes (which block
 * in {@code connectToServer}), and a scheduler for timeouts. In a Jakarta EE server: the default
 * managed executors, looked up in JNDI and never shut down by us. On Java SE: daemon pools of a
 * bounded size, so that thousands of sockets do not mean thousands of threads
 * ({@code taro-socket-N} for delivery, {@code taro-socket-connect-N} for handshakes, queued beyond
 * their size) and one scheduler thread; all shut down on {@link #close()}.
 *
 * <p>A managed executor gives its task the context of the thread that submits it. Our submitters are
 * often the container's I/O threads (a send completing, a frame arriving), which have no application
 * context: on WildFly such a task runs with an empty JNDI namespace. So when the server has a
 * {@code java:comp/DefaultContextService}, every {@code execute} goes through a contextual proxy
 * created at the application's start (see {@link ManagedExecutors}): the submission then runs under
 * the application's context, which the managed executor captures for the task, and under no
 * caller's security identity, since none is on the deployment thread.
 */
final class EngineExecutors {

    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String MANAGED_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    static final String CONTEXT_SERVICE = "java:comp/DefaultContextService";
    static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    static final String CONTEXT_SERVICE_TYPE = "jakarta.enterprise.concurrent.ContextService";

    /** Delivery threads of our own pool: a slow listener holds one; the others go on. */
    static final int DELIVERY_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /**
     * Handshakes in progress at once in our own pool; more wait their turn (their timeout runs). 32,
     * from the benchmark's connect runs: with 16 the library opened 10,000 sockets at 0.79-0.86x the
     * rate of a raw client with 16 in flight, with 32 at 0.90-1.18x (median 1.0x) a raw client with 32;
     * the threads end after 30 s idle.
     */
    static final int HANDSHAKE_THREADS = 32;
    private static final long IDLE_SECONDS = 30;

    private final ExecutorService executor;
    private final ExecutorService handshakes;
    private final ScheduledExecutorService scheduler;
    private final boolean owned;          // whether close() shuts executor and handshakes down
    private final boolean ownsScheduler;  // whether close() shuts the scheduler down
    private final ExecutorService managed; // the server's managed executor, unwrapped; null on Java SE

    private EngineExecutors(ExecutorService executor, ExecutorService handshakes, ScheduledExecutorService scheduler,
                            boolean owned) {
        this(executor, handshakes, scheduler, owned, owned, null);
    }

    private EngineExecutors(ExecutorService executor, ExecutorService handshakes, ScheduledExecutorService scheduler,
                            boolean owned, boolean ownsScheduler, ExecutorService managed) {
        this.executor = executor;
        this.handshakes = handshakes;
        this.scheduler = scheduler;
        this.owned = owned;
        this.ownsScheduler = ownsScheduler;
        this.managed = managed;
    }

    /** Executors the caller owns (and shuts down). */
    public static EngineExecutors given(ExecutorService executor, ScheduledExecutorService scheduler) {
        return new EngineExecutors(executor, executor, scheduler, false);
    }

    /**
     * The server's managed executors if JNDI has them, else our own. Called once per manager, at the
     * application's start (on the deployment thread, see {@code SocketManager}): the contextual proxy
     * made here carries the application's context, and no caller's identity, into every task.
     */
    public static EngineExecutors managedOrOwn() {
        ExecutorService managed = lookup(MANAGED_EXECUTOR, ExecutorService.class);
        ScheduledExecutorService managedScheduler = lookup(MANAGED_SCHEDULER, ScheduledExecutorService.class);
        if (managed != null && managedScheduler != null) {
            Executor submitter = contextualSubmitter(managed);
            Log.LOG.log(INFO, "taro-socket: using the server's default managed executors"
                    + (submitter != null ? ", submitting under the application's context" : ""));
            ExecutorService executor = ManagedExecutors.executor(managed, submitter);
            ThreadFactory managedThreads = lookup(MANAGED_THREAD_FACTORY, ThreadFactory.class);
            if (managedThreads != null) {
                // timers on one thread of the server's managed thread factory: WildFly's managed
                // scheduler refuses to run (and logs an ERROR for) every timer while it is suspended
                ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, managedThreads);
                timer.setRemoveOnCancelPolicy(true);
                return new EngineExecutors(executor, executor, timer, false, true, executor);
            }
            return new EngineExecutors(executor, executor, ManagedExecutors.scheduler(managedScheduler), false, false,
                    executor);
        }
        Log.LOG.log(INFO, "taro-socket: no managed executors in JNDI (" + MANAGED_EXECUTOR + ", " + MANAGED_SCHEDULER
                + "); the manager runs its own daemon threads (taro-socket-*), which carry no application context");
        return own();
    }

    /**
     * {@code contextService.createContextualProxy(managed::execute, Executor.class)}, called by
     * reflection (the library needs no concurrency API at compile time) on the current, application,
     * thread; null if the server has no context service or the call fails.
     */
    private static Executor contextualSubmitter(ExecutorService managed) {
        Object contextService = lookup(CONTEXT_SERVICE, Object.class);
        if (contextService == null) {
            return null;
        }
        try {
            Class<?> type = contextServiceType(contextService.getClass());
            if (type == null) {
                Log.LOG.log(DEBUG, () -> "taro-socket: " + CONTEXT_SERVICE + " is not a " + CONTEXT_SERVICE_TYPE);
                return null;
            }
            Method create = type.getMethod("createContextualProxy", Object.class, Class.class);
            Executor direct = managed::execute;
            return (Executor) create.invoke(contextService, direct, Executor.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable why = e instanceof InvocationTargetException ? e.getCause() : e;
            Log.LOG.log(DEBUG, () -> "taro-socket: no contextual proxy from " + CONTEXT_SERVICE + " (" + why + ")");
            return null;
        }
    }

    /** The ContextService interface among the types of {@code type} (its implementation class may not be public), or null. */
    private static Class<?> contextServiceType(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type.getName().equals(CONTEXT_SERVICE_TYPE)) {
            return type;
        }
        for (Class<?> i : type.getInterfaces()) {
            Class<?> found = contextServiceType(i);
            if (found != null) {
                return found;
            }
        }
        return contextServiceType(type.getSuperclass());
    }

    /** A daemon pool and scheduler of our own. */
    public static EngineExecutors own() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("taro-socket-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        return new EngineExecutors(bounded(DELIVERY_THREADS, "taro-socket-"),
                bounded(HANDSHAKE_THREADS, "taro-socket-connect-"), timer, true);
    }

    private static ExecutorService bounded(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public boolean isManaged() {
        return !owned;
    }

    ExecutorService executor() {
        return executor;
    }

    ExecutorService handshakes() {
        return handshakes;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** From now on the managed executor refuses the engine's tasks, which then run where submitted. */
    void applicationEnding() {
        if (managed != null) {
            ManagedExecutors.refuseFromNowOn(managed);
        }
    }

    /** The server's managed executor (as the engine submits to it), or null on Java SE. */
    ExecutorService managed() {
        return managed;
    }

    /** Stops the executors this manager created; {@code mayWait}: false on one of their own threads. */
    void close(boolean mayWait) {
        if (!owned) {
            if (ownsScheduler) {
                scheduler.shutdownNow(); // the managed timer thread: its tasks are the engine's timeouts only
            }
            return;
        }
        scheduler.shutdownNow();
        handshakes.shutdownNow(); // a handshake still running is abandoned: its socket has ended
        executor.shutdown();
        if (!mayWait) {
            return; // a listener closed the manager: its own thread ends when it returns
        }
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
