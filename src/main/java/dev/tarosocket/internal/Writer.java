package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.spi.SocketMetrics;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.RejectedExecutionException;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/**
 * Hands one socket's outgoing items to the container and completes them.
 *
 * <p>Invariants:
 * <ul>
 *   <li>One thread hands items over at a time, in queue order, and only to the session of the
 *       socket's current connection while it is OPEN or CLOSING ({@link ManagedSocket#writableSession}).
 *       The writer's right is {@code wip}: whoever raises it from 0 drains; anyone who raises it
 *       while a drain runs makes that drain look again before it leaves (so no item is left behind,
 *       and the common case, queue empty after the claim, takes no lock to leave).</li>
 *   <li>A connection's first failed write ends it: nothing more is handed to that session.</li>
 *   <li>An {@code IllegalStateException} is taken for a refusal of concurrent sends only while the
 *       session is open and other items are in flight; it downgrades this socket to one message at a
 *       time and puts the item back at the head of the queue. Otherwise the session is dead: the item
 *       (which was not sent) goes back to the head and the connection ends. Open Liberty's refusal
 *       ("write not allowed"), reported through the {@code SendHandler} for an item handed over beside
 *       others on the session still current, is the same refusal told late: same downgrade, same
 *       place in the queue. Any other reported failure ends the connection.</li>
 *   <li>Every item handed over completes once: by the container's report, or, if its connection ended
 *       first, by whoever ended it (the report is then ignored).</li>
 * </ul>
 */
final class Writer {

    private final ManagedSocket socket;
    private final Outbox outbox;
    private final SocketEngine engine;
    private final AtomicInteger wip = new AtomicInteger(); // pump requests; > 0 while a thread drains
    private boolean downgradeLogged; // guarded by socket.lock

    Writer(ManagedSocket socket, Outbox outbox, SocketEngine engine) {
        this.socket = socket;
        this.outbox = outbox;
        this.engine = engine;
    }

    /**
     * Hands queued items over while the connection is writable and the window has room. Runs on the
     * caller's thread (the sender's, or the container's after a report): no hop when the queue is
     * empty and the window has room; one lock per item handed over.
     */
    void pump() {
        if (wip.getAndIncrement() != 0) {
            return; // the thread draining looks again before it leaves
        }
        int missed = 1;
        while (true) {
            drain();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Claims and hands over until nothing is claimable; the caller holds the writer's right. */
    private void drain() {
        while (true) {
            Outgoing item;
            List<Outgoing> stale;
            boolean more;
            synchronized (socket.lock) {
                item = nextLocked();
                stale = outbox.takeStale();
                more = outbox.hasQueued();
            }
            if (stale != null) {
                completeStale(stale);
            }
            if (item == null) {
                return;
            }
            boolean live = item.isClose() ? writeClose(item) : hand(item);
            if (!live || !more) {
                return; // an offer after the claim raised wip: pump() drains again
            }
        }
    }

    /** The next item, claimed and stamped with its session; null if none is claimable. Lock held. */
    private Outgoing nextLocked() {
        Session s = socket.writableSession();
        Outgoing item = s == null ? null : outbox.claim(System.nanoTime());
        if (item == null) {
            return null;
        }
        item.session = s;
        item.generation = socket.generationLocked();
        item.writer = this;
        return item;
    }

    private void completeStale(List<Outgoing> stale) {
        for (Outgoing o : stale) {
            socket.delivery.complete(o.call, () -> o.call.fail(SocketErrorCode.TIMEOUT,
                    "the message passed its deadline before it could be sent"));
        }
    }

    /** Hands one data item (or ping) over; false if the connection ended because of it. */
    private boolean hand(Outgoing item) {
        Session s = item.session;
        int gen = item.generation;
        try {
            item.write(s.getAsyncRemote());
            if (item.onHandedOver != null) {
                item.onHandedOver.run();
            }
            return true;
        } catch (IllegalStateException e) {
            boolean open = s.isOpen();
            boolean concurrency;
            synchronized (socket.lock) {
                // others in flight when it was handed over (item.besideOthers), though they may have
                // been reported since the container refused it
                concurrency = open && outbox.window() > 1 && (item.besideOthers || outbox.othersInFlight(item));
                outbox.refused(item, concurrency);
                if (concurrency && !downgradeLogged) {
                    downgradeLogged = true;
                    Log.LOG.log(INFO, () -> "taro-socket: socket " + socket.socketTaskId()
                            + ": the container refuses concurrent sends; this socket sends one message at a time");
                }
            }
            if (concurrency) {
                return true; // the window is 1 now: the next claim waits for the report in flight
            }
            socket.connectionEnded(gen, End.abnormal(SocketErrorCode.TRANSPORT,
                    "onSocketError:fail the connection can no longer send: " + ManagedSocket.describe(e), e));
            return false;
        } catch (RuntimeException e) {
            boolean mine;
            synchronized (socket.lock) {
                mine = outbox.release(item);
            }
            if (mine) {
                socket.delivery.complete(item.call, () -> item.call.fail(SocketErrorCode.TRANSPORT,
                        "the message could not be written: " + ManagedSocket.describe(e), e));
            }
            socket.connectionEnded(gen, End.abnormal(SocketErrorCode.TRANSPORT,
                    "onSocketError:fail a write failed: " + ManagedSocket.describe(e), e));
            return false;
        }
    }

    /**
     * The container's report for {@code item}, handed to connection {@code gen}: one lock to release
     * it; a call without callbacks completes here (see {@link Delivery#succeed}), and the writer
     * runs again only if items wait.
     */
    void written(int gen, Outgoing item, SendResult result) {
        if (!result.isOK() && item.besideOthers && refusedBySendHandler(item, result.getException())) {
            return;
        }
        boolean mine;
        boolean waiting;
        synchronized (socket.lock) {
            mine = outbox.release(item);
            waiting = outbox.hasQueued();
        }
        if (!mine) {
            return; // orphaned: whoever ended its connection completed it
        }
        if (result.isOK()) {
            SocketMetrics metrics = engine.metrics();
            if (metrics != SocketMetrics.NONE) {
                long bytes = item.isPing() ? Validation.utf8Length((String) item.data) : item.bytes; // a ping counts as sent
                metrics.sent(socket, item.data instanceof String, bytes, System.nanoTime() - item.call.createdNanos);
            }
            socket.delivery.succeed(item.call);
            if (waiting) {
                pump(); // an item queued behind the window (or a close behind the data) may go now
            }
            return;
        }
        Throwable e = result.getException();
        socket.delivery.complete(item.call, () -> item.call.fail(SocketErrorCode.TRANSPORT,
                "the message could not be written: " + ManagedSocket.describe(e), e));
        socket.connectionEnded(gen, End.abnormal(SocketErrorCode.TRANSPORT,
                "onSocketError:fail a write failed: " + ManagedSocket.describe(e), e));
    }

    /**
     * A send that failed through its {@code SendHandler} while others of this socket were in flight,
     * with the refusal a container gives when it will not start a second write instead of queueing
     * or throwing (Open Liberty's client: {@code IOException} "write not allowed.  Most likely cause
     * is that another Write or Close is in progress"), on the session still current: back to the
     * head of the queue, one at a time from now on. Only that refusal: any other failure may have
     * put part of the frame on the wire and ends the connection as usual. Nothing is lost or
     * reported failed, but messages handed over after the refused one may have been written before
     * it; so the implementation is remembered, and its next sockets send one at a time from the
     * start ({@link VendorProperties#queuesConcurrentSends}).
     */
    private boolean refusedBySendHandler(Outgoing item, Throwable e) {
        if (!VendorProperties.isLateConcurrencyRefusal(e)) {
            return false;
        }
        Session s = item.session;
        boolean requeued;
        synchronized (socket.lock) {
            requeued = s != null && s == socket.writableSession() && outbox.refused(item, true);
            if (requeued && !downgradeLogged) {
                downgradeLogged = true;
                Log.LOG.log(INFO, () -> "taro-socket: socket " + socket.socketTaskId()
                        + ": the container refuses concurrent sends; this socket sends one message at a time");
            }
        }
        if (!requeued) {
            return false; // the connection ended (or is ending): completed as any failed send
        }
        VendorProperties.refusesConcurrentSendsLate(s);
        pump(); // goes once the send in flight is reported (the window is 1 now)
        return true;
    }

    /** The connection's container is known not to queue concurrent sends: one at a time from now on. */
    void oneAtATime() {
        synchronized (socket.lock) {
            outbox.oneAtATime();
        }
    }

    /** Sends the close frame (off the caller's thread: a container may block in close). */
    private boolean writeClose(Outgoing item) {
        Session s = item.session;
        int gen = item.generation;
        Runnable close = () -> {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(item.closeCode), item.closeReason));
            } catch (IOException | RuntimeException e) {
                Log.LOG.log(DEBUG, () -> "taro-socket: close of socket " + socket.socketTaskId() + " failed", e);
            }
            boolean mine;
            synchronized (socket.lock) {
                mine = outbox.release(item);
            }
            socket.closeFrameSent(gen);
            if (mine) {
                socket.delivery.complete(item.call, () -> item.call.succeed(CallbackResult.ok(item.call.api)));
            }
        };
        try {
            engine.executor().execute(close);
        } catch (RejectedExecutionException e) {
            close.run(); // the executor is stopping (the application is ending): close on this thread
        }
        return false;
    }

    /** Called by the engine's watchdog: a frame the container has not written in time ends the connection. */
    void checkSendTimeout(long nowNanos, long timeoutNanos) {
        Outgoing stuck;
        int gen;
        synchronized (socket.lock) {
            stuck = outbox.stuck(nowNanos, timeoutNanos);
            if (stuck == null || !outbox.release(stuck)) {
                return;
            }
            gen = socket.generationLocked();
        }
        long millis = timeoutNanos / 1_000_000;
        socket.delivery.complete(stuck.call, () -> stuck.call.fail(SocketErrorCode.TIMEOUT,
                "the message was not written within " + millis + " ms"));
        socket.connectionEnded(gen, End.abnormal(SocketErrorCode.TIMEOUT,
                "onSocketError:fail a send did not complete within " + millis + " ms", null));
    }
}
