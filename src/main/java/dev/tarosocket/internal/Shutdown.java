package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The end of a manager's sockets: each one closes with 1001 "going away" (a connecting one aborts
 * its handshake) and fails its queued sends with {@code CLOSED}; the close handshakes get up to the
 * grace period; then every socket still alive is ended by force, which completes its calls in flight
 * with {@code CLOSED} on this thread; finally the lanes deliver their last events.
 *
 * <p>Invariant: when {@link #run} returns, every call made on these sockets has completed (or is
 * queued on its lane, for callbacks) and every socket is CLOSED. Called from a listener or callback
 * (a lane thread), it waits for nothing that thread would have to run, so it returns at once.
 */
final class Shutdown {

    private Shutdown() {
    }

    static void run(List<ManagedSocket> sockets, Duration grace) {
        boolean mayWait = !Lane.isLaneThread();
        long deadline = System.nanoTime() + grace.toNanos();
        sockets.forEach(ManagedSocket::shutdown);
        if (mayWait) {
            await(sockets.stream().map(s -> s.whenClosed), deadline, DEBUG,
                    "not every socket closed in time; forcing the rest");
        }
        for (ManagedSocket s : sockets) {
            s.connectionEnded(s.generation(), End.abnormal(SocketErrorCode.CLOSED,
                    "onSocketError:fail the SocketManager shut down", null));
        }
        if (mayWait) {
            // let every lane deliver its last events (close events, failed sends) before the pool goes
            await(sockets.stream().map(s -> s.delivery.drained()), deadline, WARNING,
                    "some socket events were still being delivered at shutdown");
        }
    }

    private static void await(Stream<? extends CompletableFuture<?>> stages, long deadlineNanos,
                              System.Logger.Level level, String late) {
        try {
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.LOG.log(level, "taro-socket: " + late);
        }
    }
}
