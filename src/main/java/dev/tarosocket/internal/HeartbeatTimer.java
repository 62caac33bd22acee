package dev.tarosocket.internal;

import dev.tarosocket.Heartbeat;
import dev.tarosocket.SocketErrorCode;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one connection, run on the manager's scheduler (never on the pool that runs
 * listeners): a ping every interval; its answer must come within the timeout, counted from when the
 * ping was handed to the container, else the connection ends as abnormal.
 *
 * <p>Invariants: at most one ping is outstanding; a deadline is armed only for an outstanding ping
 * (an answer that beats the arming cancels it); while the socket's own inbox holds the container's
 * thread back (we are the ones not reading) the deadline is re-armed, never fatal; after
 * {@link #stop()} nothing is scheduled.
 */
final class HeartbeatTimer {

    private final ManagedSocket socket;
    private final int generation;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService scheduler;

    private Future<?> ticker;    // the periodic ping, null until started; guarded by this
    private Future<?> deadline;  // the answer timeout of the outstanding ping, null when none; guarded by this
    private boolean awaiting;    // a ping is outstanding; guarded by this
    private boolean stopped;     // terminal; guarded by this

    HeartbeatTimer(ManagedSocket socket, int generation, Heartbeat heartbeat, ScheduledExecutorService scheduler) {
        this.socket = socket;
        this.generation = generation;
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    synchronized void start() {
        long every = heartbeat.interval().toMillis();
        if (!stopped) {
            try {
                ticker = scheduler.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                stopped = true; // the scheduler is stopping with the application
            }
        }
    }

    private void ping() {
        synchronized (this) {
            if (stopped || awaiting) {
                return;
            }
            awaiting = true;
        }
        socket.ping(generation, heartbeat, this::handedOver);
    }

    /** The ping reached the container: its answer's deadline starts now. */
    synchronized void handedOver() {
        if (awaiting && !stopped && deadline == null) {
            arm();
        }
    }

    private void arm() {
        try {
            deadline = scheduler.schedule(this::expired, heartbeat.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true;
        }
    }

    /** A pong, or the expected reply text, arrived. */
    synchronized void answered() {
        awaiting = false;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** The ping could not be handed over (the connection is ending): no deadline for it. */
    synchronized void notSent() {
        awaiting = false;
    }

    private void expired() {
        synchronized (this) {
            if (stopped || !awaiting) {
                return;
            }
            deadline = null;
            if (socket.isHoldingBack()) {
                arm(); // the peer is alive: it is our own listeners that keep the pong unread
                return;
            }
        }
        socket.connectionEnded(generation, End.abnormal(SocketErrorCode.TIMEOUT,
                "onSocketError:fail no heartbeat answer within " + heartbeat.timeout().toMillis() + " ms", null));
    }

    synchronized void stop() {
        stopped = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
