package dev.tarosocket.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real container (Tyrus) made to refuse an async send while another is still in flight on the
 * same session, in one of two ways: like Tomcat's client, by throwing {@code IllegalStateException}
 * ("TEXT_FULL_WRITING"), or like Open Liberty's, by reporting {@code IOException} ("write not
 * allowed") to the send's handler later, on another thread ({@link #reportingLate()}). The
 * transport, the frames and the server are real; only the refusal is added, so that each way can be
 * tested on a socket of its own (the real Tomcat client is in the container matrix too; Open Liberty
 * runs in the integration suite).
 */
public final class StrictSendContainer {

    /** Makes the late-reporting sessions a proxy class of their own, as a distinct implementation. */
    public interface ReportsLate {
    }

    private final AtomicInteger refusals = new AtomicInteger();
    private final boolean late;

    /** Refuses by throwing, as Tomcat's client does. */
    public StrictSendContainer() {
        this(false);
    }

    private StrictSendContainer(boolean late) {
        this.late = late;
    }

    /** Refuses through the send's handler, later, on another thread, as Open Liberty's client does. */
    public static StrictSendContainer reportingLate() {
        return new StrictSendContainer(true);
    }

    /** How many sends were refused. */
    public int refusals() {
        return refusals.get();
    }

    public WebSocketContainer wrap(WebSocketContainer real) {
        return proxy(WebSocketContainer.class, real, (method, args) -> {
            if (method.getName().equals("connectToServer") && args.length == 3 && args[0] instanceof Endpoint) {
                return method.invoke(real, new StrictEndpoint((Endpoint) args[0]), args[1], args[2]);
            }
            return method.invoke(real, args);
        });
    }

    private final class StrictEndpoint extends Endpoint {
        private final Endpoint delegate;

        StrictEndpoint(Endpoint delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            delegate.onOpen(strict(session), config);
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

    private Session strict(Session real) {
        AtomicBoolean writing = new AtomicBoolean();
        RemoteEndpoint.Async async = proxy(RemoteEndpoint.Async.class, real.getAsyncRemote(), (method, args) -> {
            boolean send = (method.getName().equals("sendText") || method.getName().equals("sendBinary"))
                    && args != null && args.length == 2 && args[1] instanceof SendHandler;
            if (!send) {
                return method.invoke(real.getAsyncRemote(), args);
            }
            if (!writing.compareAndSet(false, true)) {
                refusals.incrementAndGet();
                if (!late) {
                    throw new IllegalStateException("The remote endpoint was in state [TEXT_FULL_WRITING]");
                }
                SendHandler refused = (SendHandler) args[1];
                CompletableFuture.runAsync(() -> refused.onResult(new SendResult(new IOException(
                        "write not allowed.  Most likely cause is that another Write or Close is in progress"))));
                return null;
            }
            SendHandler handler = (SendHandler) args[1];
            // like Tomcat, report the write later on another thread, so that sends overlap
            return method.invoke(real.getAsyncRemote(), args[0], (SendHandler) result ->
                    CompletableFuture.runAsync(() -> {
                        writing.set(false);
                        handler.onResult(result);
                    }));
        });
        Call session = (method, args) -> method.getName().equals("getAsyncRemote") ? async : method.invoke(real, args);
        return late ? proxy(Session.class, ReportsLate.class, real, session) : proxy(Session.class, real, session);
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T real, Call call) {
        return proxy(type, null, real, call);
    }

    private static <T> T proxy(Class<T> type, Class<?> marker, T real, Call call) {
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
        Class<?>[] types = marker == null ? new Class<?>[] {type} : new Class<?>[] {type, marker};
        return type.cast(Proxy.newProxyInstance(StrictSendContainer.class.getClassLoader(), types, h));
    }
}
