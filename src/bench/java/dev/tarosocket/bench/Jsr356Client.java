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
import java.util.function.Consumer;

/** The raw JSR-356 client of a container: async remote with a SendHandler, no queue of its own. */
final class Jsr356Client implements BenchClient {

    private final Containers.Handle container;
    private Session session;       // null until open
    private RemoteEndpoint.Async remote;

    Jsr356Client(Containers.Handle container) {
        this.container = container;
    }

    @Override
    public void open(URI uri, Consumer<Object> onMessage) throws Exception {
        session = connect(container.container(), uri, onMessage);
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
    }
}
