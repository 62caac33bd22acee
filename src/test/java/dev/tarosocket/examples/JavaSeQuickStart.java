package dev.tarosocket.examples;

// readme:start
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

public class JavaSeQuickStart {
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "ws://127.0.0.1:8025/echo";
        try (SocketManager sockets = SocketManager.builder().build()) {
            SocketTask task = sockets.connectSocket(url).toCompletableFuture().join();
            CompletableFuture<SocketMessageEvent> reply = new CompletableFuture<>();
            task.onMessage(reply::complete);
            task.send("hello").toCompletableFuture().join();  // sent once the frame is written
            SocketMessageEvent echo = reply.orTimeout(10, TimeUnit.SECONDS).join();
            System.out.println("echo: " + echo.text());
            task.close().toCompletableFuture().join();        // closeSocket:ok
        }
    }
}
// readme:end
