package dev.tarosocket.internal;

import dev.tarosocket.SocketTask;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static java.lang.System.Logger.Level.INFO;

/**
 * Notices when the server stops taking managed tasks (WildFly suspends before a graceful shutdown,
 * and on {@code :suspend}) and then ends the manager's sockets as the application's end would: each
 * open socket closes with 1001 "going away", a connecting one releases its connection, queued
 * sends fail with {@code CLOSED}. The manager stays usable: once the server takes tasks again
 * (resume), new sockets connect.
 *
 * <p>Invariant: sockets are ended once per suspension (on the transition from accepting to
 * refusing). The check is a no-op task submitted every {@link #PERIOD_MILLIS} from the engine's timer.
 */
final class ServerSuspension {

    static final long PERIOD_MILLIS = 500;

    private final SocketEngine engine;
    private final ExecutorService managed;
    private boolean suspended; // only touched by the timer thread
    private volatile Future<?> check;

    private ServerSuspension(SocketEngine engine, ExecutorService managed) {
        this.engine = engine;
        this.managed = managed;
    }

    /** Starts watching {@code engine}'s managed executor; nothing on Java SE. */
    static void watch(SocketEngine engine, EngineExecutors executors) {
        if (executors.managed() == null) {
            return;
        }
        ServerSuspension s = new ServerSuspension(engine, executors.managed());
        try {
            s.check = executors.scheduler().scheduleWithFixedDelay(s::check, PERIOD_MILLIS, PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the application is already ending: its shutdown ends the sockets
        }
    }

    private void check() {
        if (engine.isShutDown()) {
            Future<?> c = check;
            if (c != null) {
                c.cancel(false);
            }
            return;
        }
        boolean refused;
        try {
            managed.execute(() -> { });
            refused = false;
        } catch (RejectedExecutionException e) {
            refused = true;
        }
        if (refused && !suspended) {
            Collection<SocketTask> sockets = engine.sockets();
            Log.LOG.log(INFO, "taro-socket: the server refuses managed tasks (suspended or stopping); closing "
                    + sockets.size() + " socket(s) with 1001");
            for (SocketTask s : sockets) {
                ((ManagedSocket) s).shutdown();
            }
        } else if (!refused && suspended) {
            Log.LOG.log(INFO, "taro-socket: the server takes managed tasks again");
        }
        suspended = refused;
    }
}
