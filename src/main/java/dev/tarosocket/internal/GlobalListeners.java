package dev.tarosocket.internal;

import dev.tarosocket.Registration;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A manager's global listeners ({@code onSocketOpen} and the others): they hear every socket.
 *
 * <p>Invariant: a global open listener hears every open socket exactly once, whether it was
 * registered before the socket's open event ran or after (sticky). {@link #lock} is taken before a
 * socket's lock, both when an open event is delivered and when such a listener registers, so the two
 * cannot interleave.
 */
final class GlobalListeners {

    /** Taken before a socket's lock when open listeners and open events must be ordered. */
    final Object lock = new Object();
    final Listeners<SocketOpenEvent> open = new Listeners<>();
    final Listeners<SocketMessageEvent> message = new Listeners<>();
    final Listeners<SocketErrorEvent> error = new Listeners<>();
    final Listeners<SocketCloseEvent> close = new Listeners<>();

    /** Registers an open listener and calls it at once (on each socket's lane) for the sockets open now. */
    Registration onOpen(Consumer<SocketOpenEvent> listener, Collection<ManagedSocket> live) {
        List<SocketOpenEvent> sticky = new ArrayList<>();
        Registration registration;
        synchronized (lock) {
            registration = open.add(listener);
            for (ManagedSocket s : live) {
                SocketOpenEvent e = s.connection.stickyOpenEvent();
                if (e != null) {
                    sticky.add(e);
                }
            }
        }
        for (SocketOpenEvent e : sticky) {
            ((ManagedSocket) e.task()).delivery.late(() -> listener.accept(e));
        }
        return registration;
    }
}
