package dev.tarosocket.internal;

import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.util.DefaultClassIntrospector;
import io.undertow.websockets.jsr.ServerWebSocketContainer;
import jakarta.websocket.WebSocketContainer;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.util.List;

/**
 * The three JSR-356 clients on the test class path, each made explicitly (not through
 * {@code ContainerProvider}, which finds Tyrus first) and released on {@link #close()}.
 */
final class ThreeContainers {

    enum Kind { TYRUS, JETTY, UNDERTOW }

    /** A fresh container of {@code kind}, with what releases it. */
    record Made(Kind kind, WebSocketContainer container, AutoCloseable release) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            release.close();
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }

    private ThreeContainers() {
    }

    static Made make(Kind kind) throws Exception {
        switch (kind) {
            case TYRUS -> {
                ClientManager c = ClientManager.createClient();
                return new Made(kind, c, c::shutdown);
            }
            case JETTY -> {
                JakartaWebSocketClientContainer c = new JakartaWebSocketClientContainer();
                c.start();
                return new Made(kind, c, c::stop);
            }
            default -> {
                // Undertow on Java SE: a container over an XNIO worker of its own
                XnioWorker worker = Xnio.getInstance(ThreeContainers.class.getClassLoader()).createWorker(
                        OptionMap.builder().set(Options.WORKER_IO_THREADS, 1).set(Options.THREAD_DAEMON, true).getMap());
                ServerWebSocketContainer c = new ServerWebSocketContainer(DefaultClassIntrospector.INSTANCE,
                        ThreeContainers.class.getClassLoader(), () -> worker, new DefaultByteBufferPool(false, 8192),
                        List.of(), false);
                return new Made(kind, c, () -> {
                    c.close();
                    worker.shutdownNow();
                });
            }
        }
    }
}
