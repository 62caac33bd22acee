package dev.tarosocket.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The clients under test, by name, like for like: on each container the raw JSR-356 client and
 * taro-socket with the same number of sends outstanding (1 = serial: the next send after the previous
 * completes; 16), taro-socket's inline delivery mode for echo, and Spring's decorator over the same
 * container. {@code taro-default-*} is the library as a user gets it on Java SE
 * ({@code SocketManager.builder().build()}: container looked up, Tyrus on its shared transport); its
 * raw twins are {@code raw-tyrus-shared-*} (same transport) and {@code raw-tyrus-*} (as created).
 */
final class Clients {

    /** Sends outstanding for the windowed clients. */
    static final int WINDOW = 16;

    /** {@code echoOnly}: the client differs from its sibling only in how it receives (inline delivery, or a raw hand-off). */
    record Spec(String name, String container, int window, boolean echoOnly, Supplier<BenchClient> factory,
                String description) {
    }

    private static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        container("tyrus", "Tyrus 2.2.2 (ClientManager.createClient(), a Grizzly transport per connection)",
                () -> Containers.tyrus(false), true);
        container("tyrus-shared", "Tyrus 2.2.2 with SHARED_CONTAINER=true (one Grizzly transport)",
                () -> Containers.tyrus(true), false);
        add("taro-default-1", "tyrus-shared", 1, false, () -> new TaroClient(Containers.NONE, false),
                "taro-socket as a user gets it: SocketManager.builder().build() (container looked up), serial");
        add("taro-default-16", "tyrus-shared", WINDOW, false, () -> new TaroClient(Containers.NONE, false),
                "the same, 16 sends outstanding");
        add("taro-default-inline", "tyrus-shared", 1, true, () -> new TaroClient(Containers.NONE, true),
                "the same with deliverInline(true)");
        container("jetty", "Jetty 12.1 ee10 client container", Containers::jetty, true);
        container("undertow", "Undertow 2.3 undertow-websockets-jsr on Java SE", Containers::undertow, true);
    }

    private Clients() {
    }

    private static void container(String c, String what, Supplier<Containers.Handle> h, boolean taro) {
        add("raw-" + c + "-1", c, 1, false, () -> new Jsr356Client(h.get()), what + ", raw async remote, serial");
        add("raw-" + c + "-16", c, WINDOW, false, () -> new Jsr356Client(h.get()), what + ", raw, 16 outstanding");
        if (!taro) {
            return;
        }
        add("taro-" + c + "-1", c, 1, false, () -> new TaroClient(h.get(), false), "taro-socket over " + what + ", serial");
        add("taro-" + c + "-16", c, WINDOW, false, () -> new TaroClient(h.get(), false), "taro-socket over " + what + ", 16 outstanding");
        add("taro-" + c + "-inline", c, 1, true, () -> new TaroClient(h.get(), true), "taro-socket over " + what + ", deliverInline(true)");
        add("raw-" + c + "-handoff", c, 1, true, () -> new Jsr356Client(h.get(), true),
                what + ", raw, each message handed to a single-thread executor before the handler (echo only:"
                        + " the bare cost of a hand-off, the twin of taro's default delivery)");
        add("spring-" + c, c, 1, false, () -> new SpringClient(h.get()),
                "Spring 6.2 StandardWebSocketClient + ConcurrentWebSocketSessionDecorator over " + what);
    }

    private static void add(String name, String container, int window, boolean echoOnly, Supplier<BenchClient> factory,
                            String description) {
        ALL.put(name, new Spec(name, container, window, echoOnly, factory, description));
    }

    /** The raw twin of a taro-socket client: same container (transport), same sends outstanding. */
    static List<String[]> twins() {
        List<String[]> out = new ArrayList<>();
        for (String c : List.of("tyrus", "jetty", "undertow")) {
            for (String w : List.of("1", "16")) {
                out.add(new String[] {"taro-" + c + "-" + w, "raw-" + c + "-" + w});
            }
        }
        for (String w : List.of("1", "16")) {
            out.add(new String[] {"taro-default-" + w, "raw-tyrus-shared-" + w});
            out.add(new String[] {"taro-default-" + w, "raw-tyrus-" + w});
        }
        return out;
    }

    static List<Spec> select(List<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(ALL.values());
        }
        return names.stream().map(n -> {
            Spec s = ALL.get(n);
            if (s == null) {
                throw new IllegalArgumentException("unknown client " + n + "; known: " + ALL.keySet());
            }
            return s;
        }).toList();
    }
}
