package dev.tarosocket.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where taro-socket reads its {@code taro.socket.*} keys (listed in {@link ConfigKeys}).
 * {@link #auto()}, used by the CDI bean and {@code new SocketManager()}, reads MicroProfile Config
 * when the application's class path has it, else {@link #system()}: system properties, then
 * environment variables under the MicroProfile Config name mapping ({@code taro.socket.max-sockets}
 * is also found as {@code TARO_SOCKET_MAX_SOCKETS}).
 */
public interface ConfigSource {

    /** The raw value of {@code key}, if set. */
    Optional<String> get(String key);

    /**
     * The value of {@code key}, trimmed and parsed.
     *
     * @throws IllegalArgumentException naming the key and the raw value when {@code parse} rejects it
     */
    default <T> Optional<T> get(String key, Function<String, T> parse) {
        return get(key).map(String::trim).map(raw -> {
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "taro-socket configuration: " + key + "=\"" + raw + "\" is not valid (" + e.getMessage() + ")", e);
            }
        });
    }

    /** Every key this source knows that starts with {@code prefix} (in property form, with dots). */
    Set<String> keys(String prefix);

    /** System properties first, then environment variables. */
    static ConfigSource system() {
        return SystemConfigSource.INSTANCE;
    }

    /**
     * MicroProfile Config ({@code ConfigProvider.getConfig()} for the calling thread, so call it on an
     * application thread: the CDI bean does, at the application's start) when its API and an implementation are on the class path, else {@link #system()}. The
     * MicroProfile types are only touched after their presence is checked, so the library loads
     * without them.
     */
    static ConfigSource auto() {
        return MicroProfileConfigSource.isAvailable() ? MicroProfileConfigSource.create() : system();
    }

    /** A fixed map, for tests and for users who configure in code. */
    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys(String prefix) {
                Set<String> keys = new LinkedHashSet<>();
                copy.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().forEach(keys::add);
                return keys;
            }
        };
    }

    /**
     * The socket names {@code source} configures: {@code <name>} of every {@code taro.socket.<name>.url}
     * key it can enumerate, sorted.
     */
    static Set<String> socketNames(ConfigSource source) {
        Set<String> names = new java.util.TreeSet<>();
        String suffix = "." + ConfigKeys.URL;
        for (String key : source.keys(ConfigKeys.PREFIX)) {
            String name = key.endsWith(suffix) ? key.substring(ConfigKeys.PREFIX.length(), key.length() - suffix.length()) : "";
            if (!name.isEmpty() && !key.contains("." + ConfigKeys.HEADER)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The environment-variable form of a key: non-alphanumerics become {@code _}, upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
