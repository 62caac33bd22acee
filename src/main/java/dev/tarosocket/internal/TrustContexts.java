package dev.tarosocket.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The TLS contexts of a manager's configured trust stores: one per distinct configuration (file,
 * type, password, and the file's size and modification time, so that a replaced store is read
 * again). Since a container is chosen per context, every connect of a named socket then uses the
 * same TLS container instead of a new one each time. Thread-safe; bounded by the configurations.
 */
final class TrustContexts {

    private record Key(Path store, String type, int passwordHash, long size, long modified) {
    }

    private final Map<Key, SSLContext> contexts = new ConcurrentHashMap<>();

    SSLContext get(Path store, String type, String password, Supplier<SSLContext> load) {
        Key key;
        try {
            Path real = store.toAbsolutePath().normalize();
            key = new Key(real, type, Objects.hashCode(password), Files.size(real),
                    Files.getLastModifiedTime(real).toMillis());
        } catch (IOException | RuntimeException e) {
            return load.get(); // cannot be read: loading reports why, naming the key
        }
        contexts.keySet().removeIf(k -> k.store().equals(key.store()) && !k.equals(key)); // an older version
        return contexts.computeIfAbsent(key, k -> load.get());
    }
}
