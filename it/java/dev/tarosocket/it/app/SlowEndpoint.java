package dev.tarosocket.it.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A slow reader: handling a text message waits until the test opens the connection's gate
 * ({@link #open(String)}; at most {@value #MAX_STALL_SECONDS} s), then records it in {@link ServerLog}.
 * While it waits the container reads nothing more from that connection.
 */
@ServerEndpoint("/slow")
public class SlowEndpoint {

    static final int MAX_STALL_SECONDS = 20;
    private static final Map<String, CompletableFuture<Void>> GATES = new ConcurrentHashMap<>();

    /** Lets connection {@code id} read again. */
    public static void open(String id) {
        gate(id).complete(null);
    }

    private static CompletableFuture<Void> gate(String id) {
        return GATES.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    @OnMessage
    public void text(Session session, String text) throws InterruptedException {
        try {
            gate(ServerLog.id(session)).get(MAX_STALL_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // read on anyway: the test has failed or given up
        }
        ServerLog.received(session, text);
    }
}
