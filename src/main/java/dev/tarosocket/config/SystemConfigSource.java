package dev.tarosocket.config;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** System properties, then environment variables. */
final class SystemConfigSource implements ConfigSource {

    static final SystemConfigSource INSTANCE = new SystemConfigSource();

    private SystemConfigSource() {
    }

    @Override
    public Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(ConfigSource.environmentName(key));
        }
        return Optional.ofNullable(value);
    }

    @Override
    public Set<String> keys(String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                keys.add(name);
            }
        }
        // Environment names lose dots and dashes, so they cannot be mapped back to keys reliably;
        // enumeration (used for header names) covers system properties only. Direct gets see both.
        return keys;
    }
}
