package dev.tarosocket.internal;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

/** The listeners of one socket, seeded from its option so that none can miss an event. */
final class TaskListeners {

    final Listeners<SocketOpenEvent> open = new Listeners<>();
    final Listeners<SocketMessageEvent> message = new Listeners<>();
    final Listeners<SocketErrorEvent> error = new Listeners<>();
    final Listeners<SocketCloseEvent> close = new Listeners<>();
    final Listeners<SocketReconnectingEvent> reconnecting = new Listeners<>();
    final Listeners<SocketReconnectedEvent> reconnected = new Listeners<>();

    TaskListeners(ConnectSocketOption option) {
        open.addAll(option.openListeners());
        message.addAll(option.messageListeners());
        error.addAll(option.errorListeners());
        close.addAll(option.closeListeners());
        reconnecting.addAll(option.reconnectingListeners());
        reconnected.addAll(option.reconnectedListeners());
    }
}
