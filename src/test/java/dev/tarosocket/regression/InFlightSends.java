package dev.tarosocket.regression;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real container wrapped to count, per URL, how many async sends were handed to it and not yet
 * reported (the sends "in flight"), and the most seen at once. For URLs marked {@link #strict} it
 * refuses an async send while another is in flight, as Tomcat does ("TEXT_FULL_WRITING");
 * nothing else is changed.
 */
final class InFlightSends {

    private final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
    private final Set<String> strict = ConcurrentHashMap.newKeySet();

    /** Connections to {@code uri} made from now on refuse concurrent async sends. */
    void strict(URI uri) {
        strict.add(uri.toString());
    }

    /** The most sends in flight at once on connections to {@code uri}. */
    int most(URI uri) {
        return most.getOrDefault(uri.toString(), new AtomicInteger()).get();
    }

    WebSocketContainer wrap(WebSocketContainer real) {
        return proxy(WebSocketContainer.class, real, (method, args) -> {
            if (method.getName().equals("connectToServer") && args.length == 3 && args[0] instanceof Endpoint
                    && args[1] instanceof ClientEndpointConfig && args[2] instanceof URI) {
                String key = args[2].toString();
                return method.invoke(real, new Counting((Endpoint) args[0], key), args[1], args[2]);
            }
            return method.invoke(real, args);
        });
    }

    private final class Counting extends Endpoint {
        private final Endpoint delegate;
        private final String key;

        Counting(Endpoint delegate, String key) {
            this.delegate = delegate;
            this.key = key;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            delegate.onOpen(counting(session, key), config);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            delegate.onClose(session, closeReason);
        }

        @Override
        public void onError(Session session, Throwable thr) {
            delegate.onError(session, thr);
        }
    }

    private Session counting(Session real, String key) {
        AtomicInteger current = now.computeIfAbsent(key, k -> new AtomicInteger());
        AtomicInteger max = most.computeIfAbsent(key, k -> new AtomicInteger());
        RemoteEndpoint.Async async = proxy(RemoteEndpoint.Async.class, real.getAsyncRemote(), (method, args) -> {
            boolean send = (method.getName().equals("sendText") || method.getName().equals("sendBinary"))
                    && args != null && args.length == 2 && args[1] instanceof SendHandler;
            if (!send) {
                return method.invoke(real.getAsyncRemote(), args);
            }
            SendHandler handler = (SendHandler) args[1];
            if (strict.contains(key)) {
                if (!current.compareAndSet(0, 1)) {
                    throw new IllegalStateException("The remote endpoint was in state [TEXT_FULL_WRITING]");
                }
                max.accumulateAndGet(1, Math::max);
            } else {
                max.accumulateAndGet(current.incrementAndGet(), Math::max);
            }
            try {
                SendHandler counted = result -> {
                    current.decrementAndGet();
                    handler.onResult(result);
                };
                // like Tomcat, a strict connection reports the write later on another thread, so that sends overlap
                return method.invoke(real.getAsyncRemote(), args[0], strict.contains(key)
                        ? (SendHandler) result -> CompletableFuture.runAsync(() -> counted.onResult(result))
                        : counted);
            } catch (InvocationTargetException | RuntimeException e) {
                current.decrementAndGet();
                throw e;
            }
        });
        return proxy(Session.class, real, (method, args) ->
                method.getName().equals("getAsyncRemote") ? async : method.invoke(real, args));
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T real, Call call) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            try {
                return call.invoke(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }
}
