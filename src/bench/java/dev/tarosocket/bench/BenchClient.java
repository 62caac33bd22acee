package dev.tarosocket.bench;

import java.net.URI;
import java.util.function.Consumer;

/**
 * One WebSocket client under test, on one connection. The harness keeps {@link #window()} sends
 * outstanding: it calls {@link #send} once a permit is free and {@code written} gives the permit back.
 */
interface BenchClient extends AutoCloseable {

    /** Opens one connection; {@code onMessage} receives each incoming message as String or ByteBuffer. */
    void open(URI uri, Consumer<Object> onMessage) throws Exception;

    /**
     * Sends a String (text frame) or ByteBuffer (binary frame, not consumed: the client sends a
     * duplicate). {@code written} runs once the client reports the frame written (inline for blocking
     * clients). A client that refuses the send throws.
     */
    void send(Object payload, Runnable written) throws Exception;

    /** Closes the connection and releases everything the client created (container, threads). */
    @Override
    void close();
}
