package dev.tarosocket.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A TCP proxy on 127.0.0.1 (ephemeral port) that forwards to a loopback target and injects faults.
 *
 * <p>Contract: modes are global, take effect at once for current and new connections, and stay
 * until changed ({@link #passThrough()} clears them all): {@link #stall}, {@link #throttle},
 * {@link #dropAfter}, {@link #refuseNew}. {@link #cutAll()} and {@link #resetAll()} act once on the
 * connections open at the call. Each connection uses two daemon threads "fault-proxy-*"; at most
 * {@code maxConnections} are open at once (more are accepted and closed at once). {@code await...}
 * throw {@link AssertionError} on timeout. {@link #close()} closes every socket and ends every thread.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int DEFAULT_MAX_CONNECTIONS = 64;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final int maxConnections;
    /** Monitor for all mode fields and counters below; notified on every change. */
    final Object lock = new Object();

    // guarded by lock; connections forwarding now (not yet cut, reset or ended), in accept order
    private final Set<ProxyConnection> active = new LinkedHashSet<>();
    // guarded by lock; connections whose pump threads have not both ended (superset of active)
    private final Set<ProxyConnection> live = new LinkedHashSet<>();
    // guarded by lock; while true, pumps hold the bytes they read instead of forwarding them
    private boolean stalled;
    // guarded by lock; forwarding rate per direction per connection in bytes/s, <= 0 = unlimited
    private long bytesPerSecond;
    // guarded by lock; client->server byte budget given to new connections, < 0 = none
    private long dropAfter = -1;
    // guarded by lock; while true, new TCP connections are accepted and closed at once
    private boolean refuseNew;
    // guarded by lock; connections that reached the target since start, never decreases
    private int forwarded;
    // guarded by lock; connections closed at once (refuseNew, over the limit, target down)
    private int refused;
    // guarded by lock; false until close(), then true forever
    private boolean closed;

    private FaultProxy(InetSocketAddress target, int maxConnections) throws IOException {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("FaultProxy only forwards to loopback, not " + target);
        }
        this.target = target;
        this.maxConnections = maxConnections;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to 127.0.0.1:{@code targetPort}. */
    public static FaultProxy start(int targetPort) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), DEFAULT_MAX_CONNECTIONS);
    }

    /** A proxy to a loopback {@code target} with at most {@code maxConnections} open at once. */
    public static FaultProxy start(InetSocketAddress target, int maxConnections) {
        try {
            return new FaultProxy(target, maxConnections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fault proxy", e);
        }
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code ws://127.0.0.1:port/path} through this proxy. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /** Clears stall, throttle, dropAfter and refuseNew. */
    public void passThrough() {
        synchronized (lock) {
            stalled = false;
            bytesPerSecond = 0;
            dropAfter = -1;
            refuseNew = false;
            active.forEach(c -> c.arm(-1));
            lock.notifyAll();
        }
    }

    /** Stops (true) or resumes (false) forwarding in both directions; connections stay open. */
    public void stall(boolean on) {
        synchronized (lock) {
            stalled = on;
            lock.notifyAll();
        }
    }

    /** Limits each direction of each connection to {@code rate} bytes/s; {@code <= 0} = unlimited. */
    public void throttle(long rate) {
        synchronized (lock) {
            bytesPerSecond = rate;
            lock.notifyAll();
        }
    }

    /**
     * Cuts (FIN, like {@link #cutAll()}) each connection once {@code bytes} more client->server
     * bytes have been forwarded on it, counted from this call for open connections and from the
     * accept for new ones; {@code bytes < 0} disarms.
     */
    public void dropAfter(long bytes) {
        synchronized (lock) {
            dropAfter = bytes;
            active.forEach(c -> c.arm(bytes));
            lock.notifyAll();
        }
    }

    /** While on, new connections are accepted and closed at once (the client sees EOF). */
    public void refuseNew(boolean on) {
        synchronized (lock) {
            refuseNew = on;
        }
    }

    /**
     * Ends every open connection gracefully: FIN to both the client and the target, then the
     * proxy discards what still arrives until each peer closes. (A peer whose unread bytes are
     * still in flight may see the final close as RST, as TCP does.)
     */
    public void cutAll() {
        for (ProxyConnection c : takeAll()) {
            c.cut();
        }
    }

    /** Ends every open connection abortively: SO_LINGER 0 and close, so both peers get RST. */
    public void resetAll() {
        for (ProxyConnection c : takeAll()) {
            c.reset();
        }
    }

    /** Connections forwarding now. */
    public int connectionCount() {
        synchronized (lock) {
            return active.size();
        }
    }

    /** Connections that reached the target since start (reconnects count again). */
    public int forwardedCount() {
        synchronized (lock) {
            return forwarded;
        }
    }

    /** Connections closed at once: refused, over the limit, or the target was down. */
    public int refusedCount() {
        synchronized (lock) {
            return refused;
        }
    }

    /** Waits until exactly {@code n} connections are forwarding. */
    public void awaitConnections(int n, Duration timeout) {
        await(() -> active.size() == n, timeout, n + " open connections");
    }

    /** Waits until at least {@code n} connections have reached the target since start. */
    public void awaitForwarded(int n, Duration timeout) {
        await(() -> forwarded >= n, timeout, n + " forwarded connections");
    }

    /** Waits until at least {@code n} connections have been refused since start. */
    public void awaitRefused(int n, Duration timeout) {
        await(() -> refused >= n, timeout, n + " refused connections");
    }

    /** Closes the listener and every connection (abortively) and waits briefly for the threads. */
    @Override
    public void close() {
        List<ProxyConnection> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(live);
            active.clear();
            lock.notifyAll();
        }
        ProxyConnection.closeQuietly(listener);
        all.forEach(ProxyConnection::reset);
        try {
            acceptor.join(2_000);
            for (ProxyConnection c : all) {
                c.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + target + "]";
    }

    // --- package-private hooks for ProxyConnection; the three getters need the caller to hold lock ---

    boolean isStalled() { return stalled; }

    long rate() { return bytesPerSecond; }

    boolean isClosed() { return closed; }

    /** {@code c} stopped forwarding (cut, reset or a peer closed). */
    void ended(ProxyConnection c) {
        synchronized (lock) {
            active.remove(c);
            lock.notifyAll();
        }
    }

    /** Both pumps of {@code c} have ended and its sockets are closed. */
    void finished(ProxyConnection c) {
        synchronized (lock) {
            active.remove(c);
            live.remove(c);
            lock.notifyAll();
        }
    }

    private List<ProxyConnection> takeAll() {
        synchronized (lock) {
            List<ProxyConnection> all = new ArrayList<>(active);
            active.clear();
            lock.notifyAll();
            return all;
        }
    }

    private void acceptLoop() {
        int serial = 0;
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // listener closed
            }
            serial++;
            boolean refuse;
            synchronized (lock) {
                refuse = closed || refuseNew || active.size() >= maxConnections;
            }
            Socket upstream = null;
            if (!refuse) {
                try {
                    upstream = new Socket();
                    upstream.connect(target, 2_000);
                } catch (IOException e) {
                    ProxyConnection.closeQuietly(upstream);
                    upstream = null;
                }
            }
            if (upstream == null) {
                ProxyConnection.closeQuietly(client);
                synchronized (lock) {
                    refused++;
                    lock.notifyAll();
                }
                continue;
            }
            String name = "fault-proxy-" + port() + "-" + serial;
            ProxyConnection c = new ProxyConnection(this, client, upstream, name);
            synchronized (lock) {
                if (closed) {
                    c.reset();
                    return;
                }
                c.arm(dropAfter);
                active.add(c);
                live.add(c);
                forwarded++;
                lock.notifyAll();
            }
            c.start();
        }
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) {
        Monitors.await(lock, condition, timeout, what,
                () -> "open=" + active.size() + " forwarded=" + forwarded + " refused=" + refused);
    }
}
