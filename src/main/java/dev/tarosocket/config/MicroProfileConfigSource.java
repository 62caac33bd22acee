package dev.tarosocket.config;

import java.lang.System.Logger;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Reads keys through MicroProfile Config. Referenced only by {@link ConfigSource#auto()} after
 * {@link #isAvailable()} said yes: the nested {@link Bound} class, the only one that names
 * MicroProfile types, is then loaded; without MicroProfile Config it is never loaded.
 */
final class MicroProfileConfigSource {

    static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";
    private static final Logger LOG = System.getLogger("dev.tarosocket");

    private MicroProfileConfigSource() {
    }

    /** Whether the MicroProfile Config API is visible to this library. */
    static boolean isAvailable() {
        try {
            Class.forName(PROVIDER, false, MicroProfileConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The MicroProfile source, or {@link ConfigSource#system()} if the API has no implementation. */
    static ConfigSource create() {
        try {
            ConfigSource source = new Bound();
            LOG.log(DEBUG, "taro-socket: reading configuration through MicroProfile Config");
            return source;
        } catch (IllegalStateException | LinkageError e) {
            // the API without an implementation: ConfigProviderResolver finds none
            LOG.log(WARNING, () -> "taro-socket: MicroProfile Config is on the class path but unusable (" + e
                    + "); reading system properties and environment instead");
            return ConfigSource.system();
        }
    }

    /** The source itself; its config is the one of the context class loader at creation. */
    static final class Bound implements ConfigSource {

        private final org.eclipse.microprofile.config.Config config;

        Bound() {
            this.config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        }

        @Override
        public Optional<String> get(String key) {
            // MicroProfile Config treats an empty value as missing; so do we
            return config.getOptionalValue(key, String.class);
        }

        @Override
        public Set<String> keys(String prefix) {
            Set<String> keys = new TreeSet<>();
            for (String name : config.getPropertyNames()) {
                if (name.startsWith(prefix)) {
                    keys.add(name);
                }
            }
            return keys;
        }

        @Override
        public String toString() {
            return "MicroProfile Config";
        }
    }
}
