package dev.tarosocket.examples;

// readme:start
import dev.tarosocket.SocketManager;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import java.util.concurrent.TimeUnit;

public class CdiSeQuickStart {
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "ws://127.0.0.1:8025/echo";
        try (SeContainer cdi = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addBeanClasses(SocketManager.class, EchoClient.class)
                .initialize()) {
            EchoClient client = cdi.select(EchoClient.class).get();
            String reply = client.greet(url).toCompletableFuture().get(10, TimeUnit.SECONDS);
            System.out.println("echo: " + reply);
        } // the container's shutdown closes every socket with 1001
    }
}
// readme:end
