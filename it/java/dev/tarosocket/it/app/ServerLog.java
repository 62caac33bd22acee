package dev.tarosocket.it.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server endpoints saw, per connection id (the {@code id} query parameter the test puts in
 * the URL): the close reason and the text messages in arrival order. The test runs in the same
 * application (in-container), so it reads this directly.
 */
public final class ServerLog {

    private static final Map<String, CompletableFuture<CloseReason>> CLOSES = new ConcurrentHashMap<>();
    private static final Map<String, Recording> RECORDINGS = new ConcurrentHashMap<>();

    private ServerLog() {
    }

    static String id(Session session) {
        List<String> ids = session.getRequestParameterMap().get("id");
        return ids == null || ids.isEmpty() ? "" : ids.get(0);
    }

    static void closed(Session session, CloseReason reason) {
        closeOf(id(session)).complete(reason);
    }

    static void received(Session session, String text) {
        recording(id(session)).add(text);
    }

    /** Completes with the close reason the server side saw for connection {@code id}. */
    public static CompletableFuture<CloseReason> closeOf(String id) {
        return CLOSES.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Completes with the texts of connection {@code id} once {@code count} arrived. */
    public static CompletableFuture<List<String>> received(String id, int count) {
        return recording(id).awaiting(count);
    }

    private static Recording recording(String id) {
        return RECORDINGS.computeIfAbsent(id, k -> new Recording());
    }

    /** Texts of one connection; all state guarded by this. */
    private static final class Recording {
        private final List<String> texts = new ArrayList<>();
        private final CompletableFuture<List<String>> done = new CompletableFuture<>();
        private int expected = -1; // -1 until someone waits

        synchronized void add(String text) {
            texts.add(text);
            check();
        }

        synchronized CompletableFuture<List<String>> awaiting(int count) {
            expected = count;
            check();
            return done;
        }

        private void check() {
            if (expected >= 0 && texts.size() >= expected) {
                done.complete(List.copyOf(texts));
            }
        }
    }
}
