package dev.tarosocket.it.peer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer the servers' applications connect to, in the test JVM (a loopback Tyrus server): echoes,
 * and records per connection id (query parameter {@code id}) its session and the close code it saw.
 */
@ServerEndpoint("/peer")
public class PeerEndpoint {

    private static final Map<String, CompletableFuture<Session>> OPENS = new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Integer>> CLOSES = new ConcurrentHashMap<>();

    @OnOpen
    public void open(Session session) {
        opened(id(session)).complete(session);
    }

    @OnMessage
    public String echo(String text) {
        return text;
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        closed(id(session)).complete(reason.getCloseCode().getCode());
    }

    public static CompletableFuture<Session> opened(String id) {
        return OPENS.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** The close code the peer saw on connection {@code id}. */
    public static CompletableFuture<Integer> closed(String id) {
        return CLOSES.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Sends {@code text} to connection {@code id}. */
    public static void send(String id, String text) throws IOException {
        opened(id).join().getBasicRemote().sendText(text);
    }

    /** Ends connection {@code id} from the peer's side with 1000. */
    public static void closeFromPeer(String id) throws IOException {
        opened(id).join().close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "peer closes"));
    }

    private static String id(Session session) {
        List<String> ids = session.getRequestParameterMap().get("id");
        return ids == null || ids.isEmpty() ? "" : ids.get(0);
    }
}
