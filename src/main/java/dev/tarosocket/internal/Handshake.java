package dev.tarosocket.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** One connection attempt's {@code connectToServer}, started on the handshake executor, abortable. */
final class Handshake {

    private final Future<?> task;

    private Handshake(Future<?> task) {
        this.task = task;
    }

    /**
     * Starts connecting on {@code executor}; {@code failed} is called once if connecting fails (also
     * after {@link #abort()}; callers ignore it then). The container calls the endpoint's
     * {@code onOpen} on success.
     */
    static Handshake start(WebSocketContainer container, Endpoint endpoint, ClientEndpointConfig config, URI uri,
                           long timeoutMillis, ExecutorService executor, Consumer<Throwable> failed) {
        try {
            return new Handshake(executor.submit(() -> {
                try {
                    container.connectToServer(endpoint, config, uri);
                } catch (Exception | LinkageError e) {
                    failed.accept(e);
                }
            }));
        } catch (RejectedExecutionException e) {
            failed.accept(e);
            return new Handshake(null);
        }
    }

    /** Aborts the attempt; idempotent, never blocks. */
    void abort() {
        if (task != null) {
            task.cancel(true);
        }
    }
}
