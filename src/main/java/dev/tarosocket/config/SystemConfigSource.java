package dev.tarosocket.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * System properties, then environment variables.
 *
 * <p>Enumeration ({@link #keys}) lists system properties, and, for a header prefix
 * ({@code taro.socket.<name>.header.}), the environment variables {@code TARO_SOCKET_<NAME>_HEADER_*}
 * too: the rest of the variable's name is the header's, {@code _} read as {@code -}
 * ({@code TARO_SOCKET_CHAT_HEADER_X_API_KEY} is header {@code X-Api-Key}). Other environment names
 * lose their dots and dashes, so they cannot be mapped back to keys; direct gets see them all.
 */
final class SystemConfigSource implements ConfigSource {

    static final SystemConfigSource INSTANCE = new SystemConfigSource(System.getenv());

    private final Map<String, String> environment;

    SystemConfigSource(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = environment.get(ConfigSource.environmentName(key));
        }
        return Optional.ofNullable(value);
    }

    @Override
    public Set<String> keys(String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : new TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (name.startsWith(prefix)) {
                keys.add(name);
            }
        }
        if (prefix.startsWith(ConfigKeys.PREFIX) && prefix.endsWith("." + ConfigKeys.HEADER)) {
            String envPrefix = ConfigSource.environmentName(prefix);
            for (String variable : new TreeSet<>(environment.keySet())) {
                if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                    keys.add(prefix + headerName(variable.substring(envPrefix.length())));
                }
            }
        }
        return keys;
    }

    /** {@code X_API_KEY} to {@code X-Api-Key}. */
    static String headerName(String variablePart) {
        StringBuilder b = new StringBuilder();
        for (String word : variablePart.toLowerCase(Locale.ROOT).split("_", -1)) {
            if (b.length() > 0) {
                b.append('-');
            }
            if (!word.isEmpty()) {
                b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return b.toString();
    }
}
