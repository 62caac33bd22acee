package dev.tarosocket.internal;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.config.ConfigSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolves one connection attempt's URL, headers and subprotocols from the option and, for a named
 * socket, from {@code taro.socket.<name>.url}, {@code .protocols} and {@code .header.<Header-Name>}.
 * What the option sets wins over configuration. Suppliers are asked here, once per attempt.
 */
final class NamedSockets {

    private final ConfigSource source;
    private final TrustContexts trust = new TrustContexts(); // one SSLContext per trust store configuration

    public NamedSockets(ConfigSource source) {
        this.source = source;
    }

    /** The reconnect policy, heartbeat and TLS context of a socket, from its option and configuration. */
    SocketPolicies policies(ConnectSocketOption option) {
        return SocketPolicies.resolve(option, source, trust);
    }

    /**
     * @param url       the URL, or null when neither the option nor configuration gives one
     * @param headers   request headers for this attempt
     * @param protocols offered subprotocols
     */
    record Resolved(String url, Map<String, String> headers, List<String> protocols) {
    }

    static String key(String name, String suffix) {
        return "taro.socket." + name + "." + suffix;
    }

    /** @throws IllegalArgumentException when a supplier fails or returns null, naming what it was for */
    Resolved resolve(ConnectSocketOption option) {
        String name = option.name().orElse(null);
        String url = option.url().map(s -> ask(s, "the URL supplier")).orElse(null);
        if (url == null && name != null) {
            url = source.get(key(name, "url")).map(String::trim).orElse(null);
        }
        List<String> protocols = option.protocols();
        if (protocols.isEmpty() && name != null) {
            protocols = source.get(key(name, "protocols"))
                    .map(p -> Arrays.stream(p.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                    .orElse(List.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (name != null) {
            String prefix = key(name, "header.");
            for (String k : source.keys(prefix)) {
                source.get(k).ifPresent(v -> headers.put(k.substring(prefix.length()), v));
            }
        }
        for (Map.Entry<String, Supplier<String>> h : option.headers().entrySet()) {
            headers.put(h.getKey(), ask(h.getValue(), "header " + h.getKey()));
        }
        return new Resolved(url, headers, protocols);
    }

    private static String ask(Supplier<String> supplier, String what) {
        String value;
        try {
            value = supplier.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter error: " + what + " threw " + e.getClass().getSimpleName(), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("parameter error: " + what + " gave no value");
        }
        return value;
    }
}
