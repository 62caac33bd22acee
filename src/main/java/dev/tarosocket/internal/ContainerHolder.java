package dev.tarosocket.internal;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

/**
 * The one {@link WebSocketContainer} of a manager, looked up on first use (some implementations,
 * Tyrus among them, create a new client with its own threads on every
 * {@code ContainerProvider.getWebSocketContainer()}). A container handed in by the user is theirs.
 * On Java SE, one this holder looked up is released on {@link #close()} through the implementation's
 * public no-argument {@code shutdown()}, or else {@code stop()} (Jetty's), if it has one (found by reflection: the library references no
 * implementation class). In a Jakarta EE server the container may be the server's own, so it is
 * never touched.
 */
final class ContainerHolder {

    private final WebSocketContainer given; // null: look one up
    private final boolean release;          // whether close() may shut down a looked-up container
    // the class loader lookups run under: the context class loader of the thread that made this holder
    // (in CDI the application's deployment thread), not of whichever thread connects first
    private final ClassLoader loader;
    private WebSocketContainer looked;      // guarded by this; the container this holder looked up
    private final Map<SSLContext, WebSocketContainer> tlsContainers = new IdentityHashMap<>(); // guarded by this

    private ContainerHolder(WebSocketContainer given, boolean release) {
        this.given = given;
        this.release = release;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.loader = context != null ? context : ContainerHolder.class.getClassLoader();
    }

    /** {@code ContainerProvider.getWebSocketContainer()} under the application's class loader. */
    private WebSocketContainer provide() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return ContainerProvider.getWebSocketContainer();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** @param release whether {@link #close()} shuts the looked-up container down (Java SE only) */
    public static ContainerHolder lookup(boolean release) {
        return new ContainerHolder(null, release);
    }

    public static ContainerHolder of(WebSocketContainer container) {
        return new ContainerHolder(container, false);
    }

    synchronized WebSocketContainer get() {
        if (given != null) {
            return given;
        }
        if (looked == null) {
            looked = provide();
            if (release) {
                VendorProperties.shareTransport(properties(looked), looked);
            }
            Log.LOG.log(INFO, () -> "taro-socket: using the JSR-356 client " + looked.getClass().getName());
        }
        return looked;
    }

    /**
     * The container for a socket with its own {@link SSLContext}. Where the implementation reads TLS
     * settings only from container properties (Tyrus, also when the user gave the manager a Tyrus
     * container: a per-socket context is never silently dropped), a container of its own per context,
     * looked up fresh (or, where the provider hands out one client for all, made by Tyrus's {@code createClient()}),
     * given the property and released when the manager closes; otherwise the shared one (the context then travels in the
     * endpoint config, see {@link VendorProperties}).
     *
     * @throws IllegalArgumentException for a container no per-socket context can reach (Jetty's): the
     *         socket fails with INVALID_ARGUMENT rather than connecting with a trust it was not given
     */
    synchronized WebSocketContainer get(SSLContext ssl) {
        WebSocketContainer shared = get();
        if (VendorProperties.tlsPerContainerOnly(shared)) {
            throw new IllegalArgumentException("a per-socket sslContext or truststore cannot reach the JSR-356 client "
                    + shared.getClass().getName() + ", which takes TLS settings per container only: configure the"
                    + " TLS of its HttpClient and give that container to SocketManager.builder().container(..)");
        }
        // the configurator class as the container sees it (Tyrus checks the property's type): on a
        // server its loader, not the application's, which may not see Tyrus's classes at all
        Object tyrus = VendorProperties.tyrusConfigurator(ssl, shared.getClass().getClassLoader());
        if (tyrus == null || !shared.getClass().getName().startsWith("org.glassfish.tyrus.")) {
            return shared;
        }
        WebSocketContainer existing = tlsContainers.get(ssl);
        if (existing != null) {
            return existing;
        }
        WebSocketContainer own = provide();
        if (own == shared) { // a provider that hands out one client for all (GlassFish's)
            own = freshTyrusClient(shared);
        }
        Map<String, Object> properties = own == null ? null : properties(own);
        if (own == null || own == shared || properties == null) {
            return shared;
        }
        properties.put(VendorProperties.TYRUS_SSL_ENGINE_CONFIGURATOR, tyrus);
        if (release || given != null) {
            VendorProperties.shareTransport(properties, own);
        }
        tlsContainers.put(ssl, own);
        return own;
    }

    /** Tyrus's {@code ClientManager.createClient()} of the shared container's own class, or null. */
    private static WebSocketContainer freshTyrusClient(WebSocketContainer shared) {
        try {
            Object c = shared.getClass().getMethod("createClient").invoke(null);
            return c instanceof WebSocketContainer w ? w : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: no Tyrus client of its own for a TLS context", e);
            return null;
        }
    }

    private static Map<String, Object> properties(WebSocketContainer c) {
        return VendorProperties.containerProperties(c);
    }

    /** The class name of the container in use, or null before the first connect. */
    public synchronized String implementation() {
        WebSocketContainer c = given != null ? given : looked;
        return c == null ? null : c.getClass().getName();
    }

    synchronized void close() {
        // TLS containers are always ours (made here, never the shared one), on a server too: left
        // running, each kept its transport's threads after the application was undeployed
        tlsContainers.values().forEach(ContainerHolder::shutdown);
        tlsContainers.clear();
        if (!release) {
            return;
        }
        if (looked != null) {
            shutdown(looked);
            looked = null;
        }
    }

    /** Tyrus's {@code shutdown()}, else Jetty's {@code stop()} (its threads are not daemons). */
    static void shutdown(WebSocketContainer c) {
        for (String name : new String[] {"shutdown", "stop"}) {
            Method m;
            try {
                m = c.getClass().getMethod(name);
            } catch (NoSuchMethodException e) {
                continue; // try the next name
            }
            try {
                m.invoke(c);
                Log.LOG.log(DEBUG, () -> "taro-socket: released the WebSocket container by " + name + "()");
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.LOG.log(DEBUG, () -> "taro-socket: releasing the WebSocket container failed", e);
            }
            return;
        }
    }
}
