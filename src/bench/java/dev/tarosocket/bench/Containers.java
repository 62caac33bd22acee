package dev.tarosocket.bench;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.util.DefaultClassIntrospector;
import io.undertow.websockets.jsr.ServerWebSocketContainer;

import jakarta.websocket.WebSocketContainer;

import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JSR-356 client containers, created explicitly (all three are on the class path, so
 * ContainerProvider alone would pick whichever its ServiceLoader finds first: Tyrus, which is what
 * the library's Java SE default, {@code SocketManager.builder().build()}, gets).
 */
final class Containers {

    private Containers() {
    }

    /** A container and how to stop it; {@link #NONE} stands for "let the library look one up". */
    interface Handle extends AutoCloseable {
        WebSocketContainer container();

        @Override
        void close();
    }

    /** No container: the library looks one up (and releases it) itself. */
    static final Handle NONE = new Handle() {
        @Override
        public WebSocketContainer container() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /** Tyrus 2.2.2 on Grizzly; {@code shared}: one Grizzly transport for all its connections. */
    static Handle tyrus(boolean shared) {
        ClientManager client = ClientManager.createClient();
        if (shared) {
            client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        }
        return handle(client, client::shutdown);
    }

    /** Jetty 12's ee10 Jakarta client container (one HttpClient for all its connections). */
    static Handle jetty() {
        JakartaWebSocketClientContainer client = new JakartaWebSocketClientContainer();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's client container did not start", e);
        }
        return handle(client, () -> {
            try {
                client.stop();
            } catch (Exception e) {
                // stopping is best effort between cells
            }
        });
    }

    /**
     * Undertow 2.3's {@code ServerWebSocketContainer} as a Java SE client (undertow-websockets-jsr),
     * built as UndertowContainerProvider builds its default: an XNIO worker, heap buffers of 1 KiB,
     * callbacks dispatched to worker threads; but not shared, so that closing stops its threads.
     */
    static Handle undertow() {
        XnioWorker worker;
        try {
            worker = Xnio.getInstance().createWorker(OptionMap.builder()
                    .set(Options.WORKER_NAME, "bench-undertow")
                    .set(Options.THREAD_DAEMON, true)
                    .set(Options.WORKER_IO_THREADS, 2)
                    .set(Options.WORKER_TASK_CORE_THREADS, 2)
                    .set(Options.WORKER_TASK_MAX_THREADS, 16)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("no XNIO worker for Undertow", e);
        }
        DefaultByteBufferPool buffers = new DefaultByteBufferPool(false, 1024, 100, 12);
        ServerWebSocketContainer container = new ServerWebSocketContainer(DefaultClassIntrospector.INSTANCE,
                Containers.class.getClassLoader(), () -> worker, buffers, List.of(), true);
        return handle(container, () -> {
            try {
                container.close();
            } finally {
                worker.shutdownNow();
                try {
                    worker.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                buffers.close();
            }
        });
    }

    private static Handle handle(WebSocketContainer c, Runnable stop) {
        return new Handle() {
            @Override
            public WebSocketContainer container() {
                return c;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
