package dev.tarosocket.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.WebSocketContainer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;


/**
 * One connection attempt's {@code connectToServer}, started on the handshake executor, abortable.
 *
 * <p>Contract: {@code failed} is called at most once, when connecting fails or, given a timer,
 * {@code timeoutMillis} (plus {@link #GRACE_MILLIS}) runs out (then also {@link #abort()}); it may also come after an abort, which callers ignore. On
 * success the container calls {@code endpoint.onOpen}. {@link #abort()} is idempotent, never blocks
 * for long, and releases the TCP connection where the container offers a way, reached by class
 * name and reflection only (see {@link VendorProperties}):
 * <ul>
 * <li>Jetty: the upgrade's {@code org.eclipse.jetty.client.Request}, caught by a queued-listener on the
 * container's {@code HttpClient}, is {@code abort}ed, which closes its connection.
 * <li>Tyrus on a private transport: {@code asyncConnectToServer} with its handshake timeout set to
 * {@code timeoutMillis} for this call; Tyrus closes the connection when that runs out (cancelling its
 * future releases nothing earlier). On its shared transport (the Java SE default of a container the
 * manager looks up) Tyrus has no handle to close a pending handshake: the plain {@code connectToServer}
 * is used, and a session that opens after the attempt ended is closed at once.
 * <li>Undertow: its per-connection {@code CONNECT_TIMEOUT} user property, in whole seconds (rounded
 * up); Undertow waits uninterruptibly, so an abort releases nothing earlier.
 * <li>Anything else: the connecting thread is interrupted.
 * </ul>
 */
final class Handshake {

    /**
     * Added to the caller's timeout for this class's and the containers' own deadlines, so that a
     * caller timing the attempt itself (the engine, to report TIMEOUT) normally aborts it first.
     */
    static final long GRACE_MILLIS = 200;

    private final WebSocketContainer container;
    private final Endpoint endpoint;
    private final ClientEndpointConfig config;
    private final URI uri;
    private final long timeoutMillis; // the deadline this class and the containers enforce
    private final Consumer<Throwable> failed;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CompletableFuture<Void> over = new CompletableFuture<>(); // done: no timeout needed any more
    private volatile Future<?> task;          // ours on the handshake executor
    private volatile Future<?> vendorFuture;  // Tyrus's Future<Session>
    private volatile Object jettyRequest;     // Jetty's org.eclipse.jetty.client.Request
    /**
     * The thread blocked in the container's connect, null before and after: an abort interrupts only
     * that call, never the one-time preparation of a container (an interrupted Jetty core client
     * never starts, and every later handshake on it would fail).
     */
    private volatile Thread connecting; // set and cleared under the monitor of {@code aborted}

    private Handshake(WebSocketContainer container, Endpoint endpoint, ClientEndpointConfig config, URI uri,
                      long timeoutMillis, Consumer<Throwable> failed) {
        this.container = container;
        this.endpoint = endpoint;
        this.config = config;
        this.uri = uri;
        this.timeoutMillis = Math.max(1, timeoutMillis) + GRACE_MILLIS;
        this.failed = failed;
    }

    /**
     * Starts connecting on executor; {@code failed} is called once if connecting fails (it may also be
     * called after abort(); callers ignore it then). The container calls endpoint.onOpen on success.
     * With a {@code timer}, this class enforces its deadline itself; without one (the engine, which
     * times every attempt on its scheduler and aborts it at {@code timeoutMillis}, as it times
     * heartbeats, sends and closes) the containers' own deadlines are the only other bound, and no
     * attempt arms two timers. A scheduler the engine cannot use (shut down) aborts the attempt at once.
     */
    static Handshake start(WebSocketContainer container, Endpoint endpoint, ClientEndpointConfig config, URI uri,
                           long timeoutMillis, ExecutorService executor, ScheduledExecutorService timer,
                           Consumer<Throwable> failed) {
        Handshake h = new Handshake(container, endpoint, config, uri, timeoutMillis, failed);
        if (timer != null) {
            Future<?> deadline = timer.schedule(() -> {
                if (!h.over.isDone()) {
                    h.fail(new TimeoutException("no handshake answer within " + h.timeoutMillis + " ms"));
                    h.abort();
                }
            }, h.timeoutMillis, TimeUnit.MILLISECONDS);
            h.over.whenComplete((v, e) -> deadline.cancel(false));
        }
        try {
            h.task = executor.submit(h::run);
            if (h.aborted.get()) {
                h.task.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            h.fail(e);
        }
        return h;
    }

    /** Aborts: cancels the container's connection attempt and releases its TCP connection where the container allows; idempotent; never blocks the caller for long. */
    void abort() {
        if (!aborted.compareAndSet(false, true)) {
            return;
        }
        over.complete(null);
        Object request = jettyRequest;
        if (request != null) {
            JettyAccess.abort(request);
        }
        Future<?> vendor = vendorFuture;
        if (vendor != null) {
            vendor.cancel(true);
        }
        Future<?> t = task;
        if (t != null) {
            t.cancel(false); // a task that has not started never will
        }
        synchronized (aborted) {
            if (connecting != null) {
                connecting.interrupt();
            }
        }
    }

    /** A {@link Future} view for the engine: cancelling it aborts this handshake. */
    Future<?> asFuture() {
        return new CompletableFuture<Void>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                abort();
                return super.cancel(mayInterruptIfRunning);
            }
        };
    }

    private void fail(Throwable e) {
        over.complete(null);
        if (reported.compareAndSet(false, true)) {
            failed.accept(e);
        }
    }

    private void run() {
        if (aborted.get()) {
            return;
        }
        String vendor = container.getClass().getName();
        try {
            if (vendor.startsWith("org.glassfish.tyrus.") && connectTyrus()) {
                over.complete(null);
                return;
            }
            if (vendor.startsWith("org.eclipse.jetty.")) {
                JettyAccess.prepare(container);
                JettyAccess.CURRENT.set(this);
            } else if (vendor.startsWith("io.undertow.")) {
                int seconds = (int) Math.max(1, (timeoutMillis + 999) / 1000);
                config.getUserProperties().put(VendorProperties.UNDERTOW_CONNECT_TIMEOUT, seconds);
            }
            try {
                connecting = Thread.currentThread();
                if (aborted.get()) {
                    return;
                }
                container.connectToServer(endpoint, config, VendorProperties.wireUri(container, uri));
            } finally {
                synchronized (aborted) {
                    connecting = null; // from here on no abort interrupts this thread
                }
                Thread.interrupted(); // an abort's interrupt belonged to this attempt only
                JettyAccess.CURRENT.remove();
            }
            over.complete(null);
        } catch (InvocationTargetException e) {
            fail(e.getCause());
        } catch (Exception | LinkageError e) {
            fail(e);
        }
    }

    /** Connects through Tyrus's abortable API; false if it is not there (then connect the plain way). */
    private boolean connectTyrus() throws Exception {
        Method async;
        try {
            async = container.getClass().getMethod("asyncConnectToServer", Endpoint.class,
                    ClientEndpointConfig.class, URI.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
        Map<String, Object> properties = VendorProperties.containerProperties(container);
        if (properties != null && Boolean.TRUE.equals(properties.get(VendorProperties.TYRUS_SHARED_CONTAINER))) {
            // on its shared transport Tyrus cannot close a timed-out handshake either, and its async
            // API would only add a thread of its own per handshake: connect the plain way
            return false;
        }
        Future<?> f;
        URI tyrusUri = VendorProperties.wireUri(container, uri);
        if (properties == null) {
            f = (Future<?>) async.invoke(container, endpoint, config, tyrusUri);
        } else {
            // Tyrus reads its handshake timeout from the container once, when the call starts
            synchronized (properties) {
                Object before = properties.put(VendorProperties.TYRUS_HANDSHAKE_TIMEOUT,
                        (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
                try {
                    f = (Future<?>) async.invoke(container, endpoint, config, tyrusUri);
                } finally {
                    if (before == null) {
                        properties.remove(VendorProperties.TYRUS_HANDSHAKE_TIMEOUT);
                    } else {
                        properties.put(VendorProperties.TYRUS_HANDSHAKE_TIMEOUT, before);
                    }
                }
            }
        }
        vendorFuture = f;
        if (aborted.get()) {
            f.cancel(true);
            return true;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (CancellationException | InterruptedException e) {
            if (!aborted.get()) {
                throw e;
            }
        }
        return true;
    }

    /** Jetty caught the upgrade request of this attempt: keep it to abort it; abort it now if already aborted. */
    void jettyRequest(Object request) {
        jettyRequest = request;
        if (aborted.get()) {
            JettyAccess.abort(request);
        }
    }
}
