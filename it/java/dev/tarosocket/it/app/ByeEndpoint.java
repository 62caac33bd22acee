package dev.tarosocket.it.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Closes every connection as soon as it opens, with 4001 "bye". */
@ServerEndpoint("/bye")
public class ByeEndpoint {

    public static final int CODE = 4001;
    public static final String REASON = "bye";

    @OnOpen
    public void open(Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(CODE), REASON));
    }
}
