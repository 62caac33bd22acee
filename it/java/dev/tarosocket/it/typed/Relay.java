package dev.tarosocket.it.typed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on an ephemeral port of 127.0.0.1 to the server's HTTP port, which the test gives once
 * it knows it ({@link #upstream(int)}); a connection accepted before that waits for it. Bytes pass
 * unchanged both ways, so the WebSocket handshake, frames and close reach the server's endpoint as
 * sent. One per class loader; closed by the test.
 */
public final class Relay implements AutoCloseable {

    private static final long UPSTREAM_WAIT_SECONDS = 60;
    private static Relay current; // guarded by Relay.class; null until first asked, or after close

    private final ServerSocket server;
    private final CompletableFuture<Integer> upstream = new CompletableFuture<>();

    private Relay() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptAll, "taro-it-relay");
        accept.setDaemon(true);
        accept.start();
    }

    public static synchronized Relay get() {
        if (current == null) {
            try {
                current = new Relay();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return current;
    }

    public int port() {
        return server.getLocalPort();
    }

    public void upstream(int port) {
        upstream.complete(port);
    }

    @Override
    public void close() throws IOException {
        synchronized (Relay.class) {
            if (current == this) {
                current = null;
            }
        }
        server.close();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket up = new Socket(InetAddress.getLoopbackAddress(),
                upstream.get(UPSTREAM_WAIT_SECONDS, TimeUnit.SECONDS))) {
            Thread back = daemon(() -> copy(up, client));
            copy(client, up);
            back.join();
        } catch (Exception e) {
            // the test sees the socket fail; nothing to add here
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream(); // not closed here: that would close both directions
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // one side ended: the other copy ends with it
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "taro-it-relay-pipe");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
