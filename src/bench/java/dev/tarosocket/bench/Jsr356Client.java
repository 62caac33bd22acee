package dev.tarosocket.bench;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The raw JSR-356 client of a container: async remote with a SendHandler, no queue of its own. With
 * {@code handoff}, every incoming message is handed to a single-thread executor, which calls the
 * handler: one queue and one thread wake-up per message, the least a hand-off off the container's
 * thread can cost (the raw twin of taro-socket's default delivery).
 */
final class Jsr356Client implements BenchClient {

    private final Containers.Handle container;
    private final ExecutorService handoff; // null: the handler runs on the container's thread
    private Session session;       // null until open
    private RemoteEndpoint.Async remote;

    Jsr356Client(Containers.Handle container) {
        this(container, false);
    }

    Jsr356Client(Containers.Handle container, boolean handoff) {
        this.container = container;
        this.handoff = handoff ? Executors.newSingleThreadExecutor() : null;
    }

    @Override
    public void open(URI uri, Consumer<Object> onMessage) throws Exception {
        Consumer<Object> handler = handoff == null ? onMessage : m -> handoff.execute(() -> onMessage.accept(m));
        session = connect(container.container(), uri, handler);
        remote = session.getAsyncRemote();
    }

    static Session connect(WebSocketContainer wsc, URI uri, Consumer<Object> onMessage) throws Exception {
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.setMaxTextMessageBufferSize(64 * 1024 * 1024);
                s.setMaxBinaryMessageBufferSize(64 * 1024 * 1024);
                if (onMessage != null) {
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) onMessage::accept);
                    s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) onMessage::accept);
                }
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
            }
        };
        return wsc.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
    }

    @Override
    public void send(Object payload, Runnable written) {
        if (payload instanceof String) {
            remote.sendText((String) payload, r -> written.run());
        } else {
            remote.sendBinary(((ByteBuffer) payload).duplicate(), r -> written.run());
        }
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
        } catch (Exception e) {
            // the peer may have gone; nothing to measure here
        }
        container.close();
        if (handoff != null) {
            handoff.shutdownNow();
        }
    }
}
