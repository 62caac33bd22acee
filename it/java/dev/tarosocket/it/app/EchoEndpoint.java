package dev.tarosocket.it.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/** Echoes text as text and binary as binary; records how each connection was closed. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String text(String text) {
        return text;
    }

    @OnMessage
    public ByteBuffer binary(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        return copy;
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        ServerLog.closed(session, reason);
    }
}
