package dev.tarosocket.bench;

import jakarta.websocket.WebSocketContainer;

import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The JSR-356 client containers, created explicitly (both are on the class path, so
 * ContainerProvider alone would pick whichever its ServiceLoader finds first).
 */
final class Containers {

    private Containers() {
    }

    /** A container and how to stop it. */
    interface Handle extends AutoCloseable {
        WebSocketContainer container();

        @Override
        void close();
    }

    /** Tyrus 2.2.2 on Grizzly; {@code shared}: one Grizzly transport for all its connections. */
    static Handle tyrus(boolean shared) {
        ClientManager client = ClientManager.createClient();
        if (shared) {
            client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        }
        return new Handle() {
            @Override
            public WebSocketContainer container() {
                return client;
            }

            @Override
            public void close() {
                client.shutdown();
            }
        };
    }

    /** Jetty 12's ee10 Jakarta client container (one HttpClient for all its connections). */
    static Handle jetty() {
        JakartaWebSocketClientContainer client = new JakartaWebSocketClientContainer();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's client container did not start", e);
        }
        return new Handle() {
            @Override
            public WebSocketContainer container() {
                return client;
            }

            @Override
            public void close() {
                try {
                    client.stop();
                } catch (Exception e) {
                    // stopping is best effort between cells
                }
            }
        };
    }
}
