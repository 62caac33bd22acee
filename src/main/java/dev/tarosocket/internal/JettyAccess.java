package dev.tarosocket.internal;

import jakarta.websocket.WebSocketContainer;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;

import static java.lang.System.Logger.Level.DEBUG;

/** Jetty's client, reached by name: its lazily made core client, and the upgrade request to abort. */
final class JettyAccess {

    static final ThreadLocal<Handshake> CURRENT = new ThreadLocal<>();
    private static final Map<WebSocketContainer, Boolean> PREPARED = new WeakHashMap<>(); // guarded by itself

    private JettyAccess() {
    }

    /**
     * Once per container, before its first handshake: makes (and so starts) its core client, which
     * Jetty otherwise makes lazily without a lock, so that two first handshakes at once fail one
     * with "not started"; and listens for upgrade requests queued on its HttpClient. Later
     * handshakes wait here only until the first has done this.
     */
    static void prepare(WebSocketContainer container) {
        synchronized (PREPARED) {
            if (PREPARED.containsKey(container)) {
                return;
            }
            PREPARED.put(container, Boolean.TRUE);
            try {
                Method core = find(container.getClass(), "getWebSocketCoreClient");
                core.setAccessible(true);
                Object coreClient = core.invoke(container);
                Object http = coreClient.getClass().getMethod("getHttpClient").invoke(coreClient);
                Object listeners = http.getClass().getMethod("getRequestListeners").invoke(http);
                ClassLoader loader = http.getClass().getClassLoader();
                Class<?> queued = Class.forName("org.eclipse.jetty.client.Request$QueuedListener", false, loader);
                Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {queued}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "onQueued" -> caught(args[0]);
                        case "hashCode" -> { return System.identityHashCode(p); }
                        case "equals" -> { return p == args[0]; }
                        case "toString" -> { return "taro-socket handshake listener"; }
                        default -> { }
                    }
                    return null;
                });
                listeners.getClass().getMethod("addQueuedListener", queued).invoke(listeners, listener);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Log.LOG.log(DEBUG, () -> "taro-socket: Jetty's client is not reachable; handshakes abort by interrupt", e);
            }
        }
    }

    private static void caught(Object request) {
        Handshake h = CURRENT.get();
        if (h != null) {
            h.jettyRequest(request);
        }
    }

    static void abort(Object request) {
        try {
            Class<?> type = Class.forName("org.eclipse.jetty.client.Request", false, request.getClass().getClassLoader());
            type.getMethod("abort", Throwable.class).invoke(request, new CancellationException("handshake aborted"));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Log.LOG.log(DEBUG, () -> "taro-socket: aborting Jetty's upgrade request failed", e);
        }
    }

    private static Method find(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        throw new NoSuchMethodException(name);
    }
}
