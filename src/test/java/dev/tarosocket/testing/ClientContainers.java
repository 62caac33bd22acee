package dev.tarosocket.testing;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.util.DefaultClassIntrospector;
import io.undertow.websockets.jsr.ServerWebSocketContainer;

import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The four JSR-356 client implementations the engine's tests run on, each created explicitly.
 *
 * <ul>
 *   <li>{@link #TYRUS}: Tyrus 2.2 on Grizzly, {@code ClientManager.createClient()}; {@code shutdown()}
 *       stops its transport threads.</li>
 *   <li>{@link #UNDERTOW}: Undertow 2.3's {@code ServerWebSocketContainer} used as a client only (no
 *       endpoint deployed, nothing listens), on an XNIO worker and a heap buffer pool of its own,
 *       built the way {@code UndertowContainerProvider} builds its Java SE default but not shared:
 *       closing shuts the worker down and waits for its threads.</li>
 *   <li>{@link #JETTY}: Jetty 12's ee10 {@code JakartaWebSocketClientContainer}, which owns its
 *       {@code HttpClient}; {@code start()} on open, {@code stop()} on close.</li>
 *   <li>{@link #TOMCAT}: Tomcat 10.1's {@code WsWebSocketContainer} (TomEE's client), on the
 *       asynchronous channel group Tomcat shares between its containers; {@code destroy()} closes its
 *       sessions and releases that group. It does not queue sends: a send started while another is
 *       being written throws {@code IllegalStateException}.</li>
 * </ul>
 *
 * <p>Why explicit: all four are on the test class path and {@code ContainerProvider} returns
 * whichever its ServiceLoader lists first (Tyrus, as the pom declares it first), and the Undertow
 * and Jetty providers would hand out process-wide defaults that nobody stops. A {@link Handle} is
 * one test's container: hand {@link Handle#container()} to {@code SocketManager.builder().container(..)},
 * close the manager first, then the handle. The containers only ever connect to 127.0.0.1.
 */
public enum ClientContainers {

    TYRUS {
        @Override
        public Handle open() {
            ClientManager client = ClientManager.createClient();
            return new Handle(name(), client, client::shutdown);
        }
    },

    UNDERTOW {
        @Override
        public Handle open() {
            XnioWorker worker;
            try {
                worker = Xnio.getInstance().createWorker(OptionMap.builder()
                        .set(Options.WORKER_NAME, "matrix-undertow-" + SERIAL.incrementAndGet())
                        .set(Options.THREAD_DAEMON, true)
                        .set(Options.WORKER_IO_THREADS, 2)
                        .set(Options.WORKER_TASK_CORE_THREADS, 2)
                        .set(Options.WORKER_TASK_MAX_THREADS, 16)
                        .getMap());
            } catch (IOException e) {
                throw new UncheckedIOException("no XNIO worker for Undertow", e);
            }
            // heap buffers, 1 KiB each, as UndertowContainerProvider's default (without direct buffers)
            DefaultByteBufferPool buffers = new DefaultByteBufferPool(false, 1024, 100, 12);
            // dispatchToWorker = true: endpoint callbacks run on worker threads, not the I/O threads
            ServerWebSocketContainer container = new ServerWebSocketContainer(DefaultClassIntrospector.INSTANCE,
                    ClientContainers.class.getClassLoader(), () -> worker, buffers, List.of(), true);
            return new Handle(name(), container, () -> {
                try {
                    container.close();
                } finally {
                    worker.shutdownNow();
                    try {
                        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("Undertow's XNIO worker did not stop within 10 s");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        buffers.close();
                    }
                }
            });
        }
    },

    JETTY {
        @Override
        public Handle open() {
            // a fresh container, its core client not yet made: the library copes with Jetty's lazy,
            // unsynchronized creation of it (two first handshakes at once)
            JakartaWebSocketClientContainer client = new JakartaWebSocketClientContainer();
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty's client container did not start", e);
            }
            return new Handle(name(), client, () -> {
                try {
                    client.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("Jetty's client container did not stop", e);
                }
            });
        }
    },

    TOMCAT {
        @Override
        public Handle open() {
            WsWebSocketContainer client = new WsWebSocketContainer();
            return new Handle(name(), client, client::destroy);
        }
    };

    /**
     * Threads of Tomcat's client that belong to the process, not to one container: the channel group
     * and background thread shared by every {@code WsWebSocketContainer} in the JVM, which Tomcat
     * shuts down asynchronously once the last container is destroyed (and keeps while another test's
     * container lives). A handle cannot wait for them; {@code ClientContainersTest} leaves them out.
     */
    public static boolean isTomcatSharedThread(String name) {
        return name.startsWith("WebSocketClient-AsyncIO") || name.equals("WebSocket background processing");
    }

    private static final AtomicInteger SERIAL = new AtomicInteger();

    /** A new container of this implementation with threads of its own; the caller closes it. */
    public abstract Handle open();

    /** One started client container and how to release every thread it started. */
    public static final class Handle implements AutoCloseable {
        private final String name;
        private final WebSocketContainer container;
        private final Runnable release;
        private boolean closed; // guarded by this

        Handle(String name, WebSocketContainer container, Runnable release) {
            this.name = name;
            this.container = container;
            this.release = release;
        }

        public WebSocketContainer container() {
            return container;
        }

        /** Stops the container; a second call does nothing. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release.run();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
