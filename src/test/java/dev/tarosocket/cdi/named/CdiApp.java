package dev.tarosocket.cdi.named;

import dev.tarosocket.SocketManager;
import dev.tarosocket.config.MicroProfileConfigs;
import dev.tarosocket.internal.SocketsExtension;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.Map;

/**
 * A Weld SE application of given bean classes (plus the {@link SocketManager} and the library's
 * extension, which Weld SE loads from META-INF/services only with discovery on) reading the given configuration through MicroProfile Config.
 * Closing it ends the application, then forgets the configuration.
 */
public final class CdiApp implements AutoCloseable {

    private final MicroProfileConfigs config;
    private WeldContainer container; // null until started, or when the start failed

    private CdiApp(Map<String, String> values) {
        this.config = MicroProfileConfigs.with(values);
    }

    /** Starts the application; a deployment problem is thrown (and the configuration released). */
    public static CdiApp start(Map<String, String> config, Class<?>... beans) {
        CdiApp app = new CdiApp(config);
        try {
            app.container = new Weld().disableDiscovery().addExtension(new SocketsExtension())
                    .addBeanClass(SocketManager.class).addBeanClasses(beans)
                    .initialize();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    public <T> T get(Class<T> type) {
        return container.select(type).get();
    }

    public SocketManager sockets() {
        return get(SocketManager.class);
    }

    @Override
    public void close() {
        try {
            if (container != null && container.isRunning()) {
                container.shutdown();
            }
        } finally {
            config.close();
        }
    }
}
