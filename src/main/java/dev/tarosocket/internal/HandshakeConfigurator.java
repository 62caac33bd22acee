package dev.tarosocket.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the option's headers to one handshake request, keeps the response headers for the open
 * event, and checks the server's {@code Sec-WebSocket-Accept}. One instance per connection attempt.
 *
 * <p>Invariant: a handshake whose {@code Sec-WebSocket-Accept} is not the one RFC 6455 derives from
 * the request's {@code Sec-WebSocket-Key} never opens, on every container. Tyrus, Jetty and Undertow
 * check it themselves (so it is not made twice there); Tomcat's client (TomEE's) does not, so for every
 * other container the check is made here whenever the container shows the key to {@link #beforeRequest}:
 * {@link #afterResponse} then throws, which every container turns into a failed {@code connectToServer}
 * and a released connection.
 */
final class HandshakeConfigurator extends ClientEndpointConfig.Configurator {

    private final Map<String, String> requestHeaders;   // resolved for this attempt
    private final boolean checkAccept; // false where the container checks it (then the key is not kept)
    private volatile Map<String, List<String>> responseHeaders = Map.of(); // set by afterResponse
    private volatile String key; // the request's Sec-WebSocket-Key, if the container showed it

    HandshakeConfigurator(Map<String, String> requestHeaders) {
        this(requestHeaders, true);
    }

    HandshakeConfigurator(Map<String, String> requestHeaders, boolean checkAccept) {
        this.requestHeaders = requestHeaders;
        this.checkAccept = checkAccept;
    }

    @Override
    public void beforeRequest(Map<String, List<String>> headers) {
        for (Map.Entry<String, String> h : requestHeaders.entrySet()) {
            // replace what the container put under the same name, matched ignoring case
            headers.keySet().removeIf(k -> k.equalsIgnoreCase(h.getKey()));
            List<String> value = new ArrayList<>(1);
            value.add(h.getValue());
            headers.put(h.getKey(), value);
        }
        if (checkAccept) {
            key = first(headers, "Sec-WebSocket-Key");
        }
    }

    @Override
    public void afterResponse(HandshakeResponse response) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.getHeaders().forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, List.copyOf(v));
            }
        });
        responseHeaders = copy;
        String sent = key;
        if (sent != null) {
            String accept = first(copy, "Sec-WebSocket-Accept");
            if (!expectedAccept(sent).equals(accept == null ? null : accept.trim())) {
                throw new IllegalStateException(accept == null
                        ? "the server's 101 response has no Sec-WebSocket-Accept header"
                        : "the server's Sec-WebSocket-Accept does not match the request's key");
            }
        }
    }

    /** RFC 6455, 4.2.2: base64(SHA-1(key + the protocol's GUID)). */
    static String expectedAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e); // every JDK must have it
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }
}
