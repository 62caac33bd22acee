package dev.tarosocket.it.typed;

import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The application's only use of the socket: it injects it. No code connects it. */
@ApplicationScoped
public class TypedClient {

    @Inject
    @SocketName(RelayConfigSource.SOCKET)
    SocketTask socket;

    public SocketTask socket() {
        return socket;
    }
}
