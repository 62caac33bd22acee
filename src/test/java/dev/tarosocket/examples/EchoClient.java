package dev.tarosocket.examples;

// readme:start
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@ApplicationScoped
public class EchoClient {

    @Inject
    SocketManager sockets;

    private final CompletableFuture<String> firstReply = new CompletableFuture<>();

    public CompletionStage<String> greet(String url) {
        sockets.connectSocket(ConnectSocketOption.builder(url).name("echo").build());
        // sends before the socket is open are queued and flushed in order on open
        sockets.sendSocketMessage(SendSocketMessageOption.builder()
                .data("hello")
                .success(r -> System.out.println(r.errMsg()))   // sendSocketMessage:ok
                .fail(r -> System.err.println(r.errMsg()))      // sendSocketMessage:fail ...
                .build());
        return firstReply;
    }

    void onMessage(@Observes @SocketName("echo") SocketMessageEvent message) {
        firstReply.complete(message.text());
    }
}
// readme:end
