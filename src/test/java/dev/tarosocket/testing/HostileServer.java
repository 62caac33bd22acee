package dev.tarosocket.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw TCP server on 127.0.0.1 that reads a WebSocket upgrade request and then misbehaves as
 * its {@link Behavior} says, to test how a client copes with broken servers.
 *
 * <p>Contract: one daemon thread per connection ("hostile-server-*"), at most 32 at once; every
 * connection gets the behavior set at its accept ({@link #behave} switches it for later ones).
 * After its act the server reads the client's frames and records the first connection's close
 * frame code for {@link #awaitClientClose}. {@link #close()} closes every socket.
 */
public final class HostileServer implements AutoCloseable {

    /** What the server does after reading the upgrade request. */
    public enum Behavior {
        /** Plain {@code HTTP/1.1 401 Unauthorized}, no upgrade, then close. */
        ANSWER_401,
        /** Plain {@code HTTP/1.1 404 Not Found}, no upgrade, then close. */
        ANSWER_404,
        /** Plain {@code HTTP/1.1 503 Service Unavailable}, no upgrade, then close. */
        ANSWER_503,
        /** 101 with a wrong Sec-WebSocket-Accept. */
        BAD_ACCEPT,
        /** Valid 101, then a text frame with RSV1-3 set (no extension was negotiated). */
        RESERVED_BITS,
        /**
         * Valid 101, then a text frame header announcing 2^40 bytes followed by 8 MiB of payload
         * (Tyrus's client waits on the header alone and fails only when its buffer overflows).
         */
        OVERSIZED_FRAME,
        /** Valid 101, then a text frame whose payload is invalid UTF-8 (C3 28). */
        INVALID_UTF8,
        /** Valid 101, then a close frame with code 999 (not allowed on the wire). */
        BAD_CLOSE_CODE,
        /** Valid 101, then a close frame with code 1005 (reserved, not allowed on the wire). */
        RESERVED_CLOSE_CODE,
        /** Valid 101, a proper close frame 1000 "bye", then 64 random bytes. */
        GARBAGE_AFTER_CLOSE,
        /** Accepts TCP and reads the request but never answers. */
        NEVER_ANSWER,
        /** Valid 101, echoes one text frame (unmasked), then drops TCP without a close frame. */
        ECHO_THEN_DROP
    }

    private static final int MAX_CONNECTIONS = 32;

    private final ServerSocket listener;
    private final Thread acceptor;
    // completed once: the first connection's client close code, or empty if it ended without one
    private final CompletableFuture<OptionalInt> firstClientClose = new CompletableFuture<>();
    // sockets of connections still being served; removed when their thread ends
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    // guarded by itself; raw upgrade requests in arrival order
    private final List<String> requests = new ArrayList<>();
    // behavior for connections accepted from now on; never null
    private volatile Behavior behavior;

    private HostileServer(Behavior behavior) throws IOException {
        this.behavior = behavior;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "hostile-server-" + port() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server with the given behavior on an ephemeral port of 127.0.0.1. */
    public static HostileServer start(Behavior behavior) {
        try {
            return new HostileServer(behavior);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start hostile server", e);
        }
    }

    /** Switches the behavior for connections accepted after this call. */
    public void behave(Behavior next) {
        this.behavior = next;
    }

    public Behavior behavior() {
        return behavior;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code ws://127.0.0.1:port/}. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/");
    }

    /** Raw upgrade requests received so far (request line and headers), in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * Waits for the first connection to end or to receive a close frame from the client: the
     * close code (1005 if the frame had no code), or empty if the connection ended without one
     * or nothing happened within {@code timeout}.
     */
    public OptionalInt awaitClientClose(Duration timeout) {
        try {
            return firstClientClose.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Closes the listener and every connection; waits briefly for the threads. */
    @Override
    public void close() {
        HostileConnection.closeQuietly(listener);
        for (Socket s : open) {
            HostileConnection.closeQuietly(s);
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        firstClientClose.complete(OptionalInt.empty());
    }

    @Override
    public String toString() {
        return "HostileServer[127.0.0.1:" + port() + ", " + behavior + "]";
    }

    private void acceptLoop() {
        int serial = 0;
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (open.size() >= MAX_CONNECTIONS) {
                HostileConnection.closeQuietly(socket);
                continue;
            }
            serial++;
            open.add(socket);
            boolean first = serial == 1;
            HostileConnection connection = new HostileConnection(socket, behavior, this::recordRequest);
            Thread t = new Thread(() -> serve(connection, socket, first), "hostile-server-" + port() + "-" + serial);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(HostileConnection connection, Socket socket, boolean first) {
        OptionalInt code = OptionalInt.empty();
        try {
            code = connection.run();
        } finally {
            HostileConnection.closeQuietly(socket);
            open.remove(socket);
            if (first) {
                firstClientClose.complete(code);
            }
        }
    }

    private void recordRequest(String request) {
        synchronized (requests) {
            requests.add(request);
        }
    }
}
