package dev.tarosocket.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the option's headers to one handshake request and keeps the response headers for the open
 * event. One instance per connection attempt.
 */
final class HandshakeConfigurator extends ClientEndpointConfig.Configurator {

    private final Map<String, String> requestHeaders;   // resolved for this attempt
    private volatile Map<String, List<String>> responseHeaders = Map.of(); // set by afterResponse

    HandshakeConfigurator(Map<String, String> requestHeaders) {
        this.requestHeaders = requestHeaders;
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
    }

    Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }
}
