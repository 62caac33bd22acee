package dev.tarosocket.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client-side {@link Endpoint} for tests that records what a JSR-356 client container reports:
 * open, whole text/binary messages, errors and the close reason, plus the threads they ran on.
 *
 * <p>Contract: one instance per connection; {@code await...}/{@code next...} methods wait at most
 * the given time and throw {@link AssertionError} on timeout; binary messages are copied.
 */
public class RecordingEndpoint extends Endpoint {

    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    // completed with the first throwable passed to onError; never reset
    private final CompletableFuture<Throwable> firstError = new CompletableFuture<>();
    // unbounded FIFO of received messages (String or ByteBuffer copies), consumed by next...()
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    // append-only: every throwable passed to onError, in order
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    // null until onClose ran; then the name of the thread that ran it
    private volatile String closeThread;
    private final int maxMessageBytes;

    /** Records with a 32 MiB limit for incoming messages. */
    public RecordingEndpoint() {
        this(TestServer.MAX_MESSAGE_BYTES);
    }

    /** Records with the given limit for incoming messages. */
    public RecordingEndpoint(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) messages::add);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> {
            ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
            copy.put(bytes).flip();
            messages.add(copy);
        });
        opened.complete(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closeThread = Thread.currentThread().getName();
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
        firstError.complete(thr);
    }

    /** Waits for onOpen and returns its session. */
    public Session awaitOpen(Duration timeout) {
        return get(opened, timeout, "onOpen");
    }

    /** Waits for onClose and returns the reason the container reported. */
    public CloseReason awaitClose(Duration timeout) {
        return get(closed, timeout, "onClose");
    }

    /** Waits for the first onError. */
    public Throwable awaitError(Duration timeout) {
        return get(firstError, timeout, "onError");
    }

    /** The close reason, completed by onClose; for composing waits. */
    public CompletableFuture<CloseReason> closeFuture() {
        return closed;
    }

    /** True once onClose ran. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Name of the thread that ran onClose, or null before it ran. */
    public String closeThread() {
        return closeThread;
    }

    /** Every throwable passed to onError so far. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Takes the next received message, which must be text. */
    public String nextText(Duration timeout) {
        return next(timeout, String.class);
    }

    /** Takes the next received message, which must be binary. */
    public ByteBuffer nextBinary(Duration timeout) {
        return next(timeout, ByteBuffer.class);
    }

    /** Messages received and not yet taken. */
    public int pendingMessages() {
        return messages.size();
    }

    private <T> T next(Duration timeout, Class<T> type) {
        Object message;
        try {
            message = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a message", e);
        }
        if (message == null) {
            throw new AssertionError("no message within " + timeout + "; closed=" + closed.getNow(null)
                    + " errors=" + errors);
        }
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
        }
        return type.cast(message);
    }

    private static <T> T get(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
