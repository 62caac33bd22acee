package dev.tarosocket.bench;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Spring's StandardWebSocketClient over the same container, its session wrapped in
 * ConcurrentWebSocketSessionDecorator (Spring's way to let many threads send on one session).
 * sendMessage blocks while the container writes, so the written callback runs inline.
 */
final class SpringClient implements BenchClient {

    private static final int SEND_TIME_LIMIT_MILLIS = 30_000;
    private static final int BUFFER_LIMIT_BYTES = 64 * 1024 * 1024;

    private final Containers.Handle container;
    private WebSocketSession session;

    SpringClient(Containers.Handle container) {
        this.container = container;
    }

    @Override
    public void open(URI uri, Consumer<Object> onMessage) throws Exception {
        StandardWebSocketClient client = new StandardWebSocketClient(container.container());
        AbstractWebSocketHandler handler = new AbstractWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession s, TextMessage message) {
                onMessage.accept(message.getPayload());
            }

            @Override
            protected void handleBinaryMessage(WebSocketSession s, BinaryMessage message) {
                onMessage.accept(message.getPayload());
            }
        };
        WebSocketSession raw = client.execute(handler, uri.toString()).get(30, TimeUnit.SECONDS);
        raw.setTextMessageSizeLimit(64 * 1024 * 1024);
        raw.setBinaryMessageSizeLimit(64 * 1024 * 1024);
        session = new ConcurrentWebSocketSessionDecorator(raw, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES);
    }

    @Override
    public void send(Object payload, Runnable written) throws Exception {
        if (payload instanceof String) {
            session.sendMessage(new TextMessage((String) payload));
        } else {
            session.sendMessage(new BinaryMessage(((ByteBuffer) payload).duplicate()));
        }
        written.run();
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
        } catch (Exception e) {
            // the peer may have gone
        }
        container.close();
    }
}
