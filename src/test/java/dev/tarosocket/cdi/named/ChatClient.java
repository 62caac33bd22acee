package dev.tarosocket.cdi.named;

import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Injects the socket named {@code chat}. */
@ApplicationScoped
class ChatClient {

    @Inject
    @SocketName("chat")
    SocketTask chat;

    SocketTask chat() {
        return chat; // through the client proxy: its own fields are not the instance's
    }
}
