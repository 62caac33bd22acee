package dev.tarosocket.cdi.named;

import dev.tarosocket.event.SocketName;
import dev.tarosocket.event.SocketOpenEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the socket {@code chat} without injecting it. */
@ApplicationScoped
class ChatListener {

    private final List<SocketOpenEvent> opened = new CopyOnWriteArrayList<>();

    void opened(@Observes @SocketName("chat") SocketOpenEvent e) {
        opened.add(e);
    }

    List<SocketOpenEvent> opened() {
        return opened;
    }
}
