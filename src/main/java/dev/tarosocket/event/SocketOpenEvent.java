package dev.tarosocket.event;

import dev.tarosocket.SocketTask;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The socket is open. Sticky: a listener registered while the socket is open is called at once.
 *
 * @param task     the socket
 * @param header   the handshake response headers (names as the container gives them), unmodifiable
 * @param protocol the negotiated subprotocol, empty if none
 * @param profile  timings of this connection
 */
public record SocketOpenEvent(SocketTask task, Map<String, List<String>> header, String protocol,
                              OpenProfile profile) implements SocketEvent {

    public SocketOpenEvent {
        Objects.requireNonNull(task, "task");
        header = header == null ? Map.of() : Map.copyOf(header);
        protocol = protocol == null ? "" : protocol;
        Objects.requireNonNull(profile, "profile");
    }

    /** The first value of a response header, matched ignoring case, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : header.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
