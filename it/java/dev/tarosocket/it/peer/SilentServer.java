package dev.tarosocket.it.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP server on 127.0.0.1 that accepts one connection and never answers its WebSocket handshake,
 * so the client's socket stays CONNECTING; {@link #released()} completes when the client closes
 * that connection (end of stream or reset).
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    public SilentServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "taro-it-silent-server");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public CompletableFuture<Void> accepted() {
        return accepted;
    }

    public CompletableFuture<Void> released() {
        return released;
    }

    private void serve() {
        try (Socket s = server.accept()) {
            accepted.complete(null);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // read the handshake request and answer nothing
            }
            released.complete(null);
        } catch (IOException e) {
            released.complete(null); // a reset is a release too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
