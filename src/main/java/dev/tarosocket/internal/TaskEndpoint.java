package dev.tarosocket.internal;

import dev.tarosocket.event.OpenProfile;
import dev.tarosocket.event.SocketOpenEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * The JSR-356 endpoint of one connection attempt: forwards the container's callbacks to its socket.
 * Callbacks from a session that is not the socket's current one are ignored.
 */
final class TaskEndpoint extends Endpoint {

    private final ManagedSocket socket;
    private final int generation;
    private final HandshakeConfigurator configurator;
    private final int maxMessageBytes;
    private final long callMillis;       // epoch millis of the connectSocket call
    private final long startMillis;      // epoch millis when the handshake started
    private final long startNanos;       // the same, for durations

    TaskEndpoint(ManagedSocket socket, int generation, HandshakeConfigurator configurator, int maxMessageBytes,
                 long callMillis) {
        this.socket = socket;
        this.generation = generation;
        this.configurator = configurator;
        this.maxMessageBytes = maxMessageBytes;
        this.callMillis = callMillis;
        this.startMillis = System.currentTimeMillis();
        this.startNanos = System.nanoTime();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        boolean preallocates = VendorProperties.preallocatesMessageBuffers(session);
        if (!preallocates) {
            session.setMaxTextMessageBufferSize(maxMessageBytes);
            session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        }
        if (!VendorProperties.queuesConcurrentSends(session)) {
            socket.writer.oneAtATime();
        }
        boolean holdBack = VendorProperties.pushesBackWhenOnMessageWaits(session);
        Receiver receiver = socket.receiver;
        if (VendorProperties.enforcesMessageSize(session) && !preallocates) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> receiver.text(generation, text, holdBack));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> receiver.binary(generation, data, holdBack));
        } else {
            PartialMessages parts = new PartialMessages(receiver, generation, holdBack, maxMessageBytes);
            session.addMessageHandler(String.class, parts.text());
            session.addMessageHandler(ByteBuffer.class, parts.binary());
        }
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> receiver.pong(generation));
        long handshakeMillis = (System.nanoTime() - startNanos) / 1_000_000;
        long costMillis = Math.max(handshakeMillis, System.currentTimeMillis() - callMillis);
        String protocol = session.getNegotiatedSubprotocol();
        SocketOpenEvent event = new SocketOpenEvent(socket, configurator.responseHeaders(), protocol,
                new OpenProfile(startMillis, handshakeMillis, costMillis));
        socket.connection.opened(generation, session, event);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        socket.connectionEnded(generation, End.reported(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase()));
    }

    @Override
    public void onError(Session session, Throwable thr) {
        socket.containerError(generation, thr);
    }
}
