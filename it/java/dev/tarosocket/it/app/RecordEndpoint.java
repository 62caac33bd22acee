package dev.tarosocket.it.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Records the text messages of each connection in arrival order ({@link ServerLog}); answers nothing. */
@ServerEndpoint("/record")
public class RecordEndpoint {

    @OnMessage
    public void text(Session session, String text) {
        ServerLog.received(session, text);
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        ServerLog.closed(session, reason);
    }
}
