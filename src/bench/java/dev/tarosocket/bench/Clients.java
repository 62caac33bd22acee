package dev.tarosocket.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The clients under test, by name, with the window of sends the harness keeps outstanding. */
final class Clients {

    /** Sends outstanding for the windowed clients (raw Tyrus 16, taro-socket). */
    static final int WINDOW = 16;

    record Spec(String name, int window, Supplier<BenchClient> factory, String description) {
    }

    private static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        add("raw-tyrus-serial", 1, () -> new Jsr356Client(Containers.tyrus(false)),
                "Tyrus 2.2.2 JSR-356 client, async remote, one send outstanding");
        add("raw-tyrus-16", WINDOW, () -> new Jsr356Client(Containers.tyrus(false)),
                "Tyrus 2.2.2 JSR-356 client, async remote, 16 sends outstanding");
        add("taro-tyrus", WINDOW, () -> new TaroClient(Containers.tyrus(false)),
                "taro-socket over Tyrus, 16 task.send stages outstanding");
        add("raw-jetty-serial", 1, () -> new Jsr356Client(Containers.jetty()),
                "Jetty 12.1 ee10 JSR-356 client, async remote, one send outstanding");
        add("raw-jetty-16", WINDOW, () -> new Jsr356Client(Containers.jetty()),
                "Jetty 12.1 ee10 JSR-356 client, async remote, 16 sends outstanding");
        add("taro-jetty", WINDOW, () -> new TaroClient(Containers.jetty()),
                "taro-socket over Jetty 12.1, 16 task.send stages outstanding");
        add("spring-tyrus", 1, () -> new SpringClient(Containers.tyrus(false)),
                "Spring 6.2 StandardWebSocketClient + ConcurrentWebSocketSessionDecorator over Tyrus");
    }

    private Clients() {
    }

    private static void add(String name, int window, Supplier<BenchClient> factory, String description) {
        ALL.put(name, new Spec(name, window, factory, description));
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
