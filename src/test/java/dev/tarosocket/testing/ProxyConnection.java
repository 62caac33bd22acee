package dev.tarosocket.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection of a {@link FaultProxy}: two pump threads, client->server ("up") and
 * server->client ("down"), that obey the proxy's modes under the proxy's lock.
 *
 * <p>Contract: {@link #start()} once; {@link #cut()} sends FIN both ways and then drains until
 * each peer closes; {@link #reset()} aborts both sockets (RST). The sockets are closed when both
 * pumps have ended, and the proxy is told via {@link FaultProxy#ended} (stopped forwarding) and
 * {@link FaultProxy#finished} (threads done).
 */
final class ProxyConnection {

    private static final int BUFFER = 16 * 1024;

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket upstream;
    private final Thread up;
    private final Thread down;
    // counts down from 2 as pumps end; the pump that reaches 0 closes both sockets
    private final AtomicInteger pumpsLeft = new AtomicInteger(2);
    // guarded by proxy.lock; client->server bytes still allowed before a cut, < 0 = unlimited
    private long upBudget = -1;
    // guarded by proxy.lock; false until cut() or reset(), then true forever (pumps stop forwarding)
    private boolean ending;

    ProxyConnection(FaultProxy proxy, Socket client, Socket upstream, String name) {
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
        this.up = daemon(() -> pump(client, upstream, true), name + "-up");
        this.down = daemon(() -> pump(upstream, client, false), name + "-down");
    }

    void start() {
        up.start();
        down.start();
    }

    /** Sets the client->server budget; caller holds the proxy lock. */
    void arm(long bytes) {
        upBudget = bytes;
    }

    void cut() {
        if (!markEnding()) {
            return;
        }
        proxy.ended(this);
        try {
            client.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            upstream.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }

    void reset() {
        markEnding();
        proxy.ended(this);
        abort(client);
        abort(upstream);
    }

    void join(long millis) throws InterruptedException {
        up.join(millis);
        down.join(millis);
    }

    private boolean markEnding() {
        synchronized (proxy.lock) {
            if (ending) {
                return false;
            }
            ending = true;
            proxy.lock.notifyAll();
            return true;
        }
    }

    private void pump(Socket from, Socket to, boolean isUp) {
        byte[] buf = new byte[BUFFER];
        long nextAt = System.nanoTime();
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buf, 0, chunk());
                if (n < 0) {
                    if (!isEnding()) {
                        to.shutdownOutput(); // pass the half-close on
                    }
                    return;
                }
                int allowed = isUp ? takeBudget(n) : n;
                nextAt = waitTurn(nextAt, allowed);
                if (nextAt < 0) {
                    continue; // ending: drain and discard until the peer closes
                }
                if (allowed > 0) {
                    out.write(buf, 0, allowed);
                    out.flush();
                }
                if (isUp && budgetSpent()) {
                    cut();
                }
            }
        } catch (IOException e) {
            // reset, closed, or the peer vanished: this direction is over
        } finally {
            if (pumpsLeft.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
                proxy.finished(this);
            }
        }
    }

    private int chunk() {
        synchronized (proxy.lock) {
            long rate = proxy.rate();
            return rate > 0 ? (int) Math.max(1, Math.min(BUFFER, rate / 20)) : BUFFER;
        }
    }

    private boolean isEnding() {
        synchronized (proxy.lock) {
            return ending || proxy.isClosed();
        }
    }

    private int takeBudget(int n) {
        synchronized (proxy.lock) {
            if (upBudget < 0) {
                return n;
            }
            int allowed = (int) Math.min(n, upBudget);
            upBudget -= allowed;
            return allowed;
        }
    }

    private boolean budgetSpent() {
        synchronized (proxy.lock) {
            return upBudget == 0;
        }
    }

    /**
     * Waits while stalled and until the throttle allows {@code n} bytes; returns when the next
     * write may start, or -1 if the connection is ending.
     */
    private long waitTurn(long nextAt, int n) throws IOException {
        synchronized (proxy.lock) {
            while (true) {
                if (ending || proxy.isClosed()) {
                    return -1;
                }
                long waitNanos;
                long rate = proxy.rate();
                long now = System.nanoTime();
                if (proxy.isStalled()) {
                    waitNanos = Long.MAX_VALUE;
                } else if (rate <= 0) {
                    return now;
                } else if (now >= nextAt) {
                    return Math.max(nextAt, now) + n * 1_000_000_000L / rate;
                } else {
                    waitNanos = nextAt - now;
                }
                try {
                    if (waitNanos == Long.MAX_VALUE) {
                        proxy.lock.wait();
                    } else {
                        proxy.lock.wait(Math.max(1, waitNanos / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
