package dev.tarosocket.cdi.named;

import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A second, dependent bean injecting the same name (constructor injection). */
@Dependent
class OtherChatClient {

    final SocketTask chat;

    @Inject
    OtherChatClient(@SocketName("chat") SocketTask chat) {
        this.chat = chat;
    }
}
