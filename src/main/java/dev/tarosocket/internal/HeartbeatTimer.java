package dev.tarosocket.internal;

import dev.tarosocket.Heartbeat;
import dev.tarosocket.SocketErrorCode;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one connection: a ping every interval; an answer must come within the timeout,
 * else the connection ends as abnormal. One ping is outstanding at a time.
 */
final class HeartbeatTimer {

    private final ManagedSocket socket;
    private final int generation;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService scheduler;

    private final Object lock = new Object();
    private Future<?> ticker;    // the periodic ping, null until started
    private Future<?> deadline;  // the answer timeout of the outstanding ping, null when none
    private boolean stopped;     // terminal

    HeartbeatTimer(ManagedSocket socket, int generation, Heartbeat heartbeat, ScheduledExecutorService scheduler) {
        this.socket = socket;
        this.generation = generation;
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    void start() {
        long every = heartbeat.interval().toMillis();
        synchronized (lock) {
            if (!stopped) {
                ticker = scheduler.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void ping() {
        synchronized (lock) {
            if (stopped || deadline != null) {
                return;
            }
            deadline = scheduler.schedule(this::expired, heartbeat.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        socket.sendHeartbeat(generation, heartbeat);
    }

    /** A pong, or the expected reply text, arrived. */
    void answered() {
        synchronized (lock) {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }

    private void expired() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
        }
        socket.connectionEnded(generation, End.abnormal(SocketErrorCode.TIMEOUT,
                "onSocketError:fail no heartbeat answer within " + heartbeat.timeout().toMillis() + " ms", null));
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }
}
