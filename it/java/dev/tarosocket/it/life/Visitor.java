package dev.tarosocket.it.life;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The second deployment's only bean: at its start it connects the configured sockets {@code open}
 * (to the test's peer, which answers) and {@code connecting} (to a server that never answers the
 * handshake), so that undeploying it finds one OPEN and one CONNECTING socket.
 */
@ApplicationScoped
public class Visitor {

    @Inject
    SocketManager sockets;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        sockets.connectSocket(ConnectSocketOption.builder().name("open").build());
        sockets.connectSocket(ConnectSocketOption.builder().name("connecting").build());
    }
}
