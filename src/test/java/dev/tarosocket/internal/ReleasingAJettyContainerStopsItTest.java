package dev.tarosocket.internal;

import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Jetty has no {@code shutdown()}: its container is released by {@code stop()}, so its non-daemon threads end. */
class ReleasingAJettyContainerStopsItTest {

    @Test
    void aJettyContainerIsStopped() throws Exception {
        JakartaWebSocketClientContainer jetty = new JakartaWebSocketClientContainer();
        jetty.start();
        ContainerHolder.shutdown(jetty);
        assertThat(jetty.isStopped()).isTrue();
    }

    @Test
    void aTyrusContainerIsStillShutDownAndCanBeReleasedTwice() {
        ClientManager tyrus = ClientManager.createClient();
        ContainerHolder.shutdown(tyrus);
        ContainerHolder.shutdown(tyrus);
    }
}
