package dev.tarosocket;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One WebSocket connection, as Taro's {@code SocketTask}.
 *
 * <p>States: {@code CONNECTING -> OPEN -> CLOSING -> CLOSED}, or straight to {@code CLOSED} from any
 * state when the socket ends. {@link #send} and {@link #close} never throw for a bad state: they
 * return a stage that fails with a Taro {@code errMsg} ({@code sendSocketMessage:fail ...},
 * {@code closeSocket:fail ...}). Each call completes exactly once: one {@code success} or one
 * {@code fail}, then {@code complete}, then the stage.
 *
 * <p>Sends are handed to the container in call order by one thread at a time, with up to
 * {@code taro.socket.send-window} whole messages (default 16) in flight; a container that refuses a
 * second send in flight makes that socket send one at a time. A send's stage completes when the
 * container reports the frame written. Before the socket is open sends are queued (default) and
 * flushed in order on open. At most {@code maxBufferedBytes} may wait; past that a send fails at once
 * with {@link SocketErrorCode#BUFFER_FULL} and the socket stays open. A send that was in flight when
 * its connection ended fails with {@link SocketErrorCode#CLOSED} (it may or may not have reached the
 * peer); queued sends wait for the next connection when the socket reconnects.
 *
 * <p>Incoming messages wait for the listeners up to {@code taro.socket.max-inbound-bytes} per socket;
 * past that the container's reading thread waits, so the peer is slowed by TCP flow control.
 *
 * <p>Listeners run on the socket's delivery lane: one event at a time, in order, never on the
 * caller's thread and never while the socket's lock is held. The close event is the last event a
 * socket's listeners see, and no message of an older connection follows a reconnect. Callbacks of
 * calls ({@code success}, {@code fail}, {@code complete}) run in order on a lane of their own, so a
 * listener may wait for a send it made. The open event is sticky: a listener added with
 * {@link #onOpen} while the socket is open is called at once.
 */
public interface SocketTask {

    /** Unique within its manager, increasing in creation order. */
    long socketTaskId();

    /** The name given to {@code ConnectSocketOption.Builder.name}, if any. */
    Optional<String> name();

    /** The URL of the current (or last) connection attempt. */
    String url();

    ReadyState readyState();

    /** Bytes of data queued and not yet reported written by the container. */
    long bufferedAmount();

    CompletionStage<CallbackResult> send(SendSocketMessageOption option);

    default CompletionStage<CallbackResult> send(String text) {
        return send(SendSocketMessageOption.of(text));
    }

    default CompletionStage<CallbackResult> send(ByteBuffer binary) {
        return send(SendSocketMessageOption.of(binary));
    }

    default CompletionStage<CallbackResult> send(byte[] binary) {
        return send(SendSocketMessageOption.builder().data(binary).build());
    }

    /**
     * Sends {@code value} as one text frame of its JSON-B serialization, as
     * {@code send(SendSocketMessageOption.builder().json(value).build())}: same completion, and a value
     * that cannot be serialized (or no JSON-B on the class path) fails the call with {@code INVALID_ARGUMENT}.
     */
    default CompletionStage<CallbackResult> sendJson(Object value) {
        return send(SendSocketMessageOption.builder().json(value).build());
    }

    /**
     * Closes the socket after the sends already queued: {@code closeSocket:ok} once the close frame is
     * sent (or the handshake aborted, while connecting).
     */
    CompletionStage<CallbackResult> close(CloseSocketOption option);

    /** {@code close} with code 1000 and no reason. */
    default CompletionStage<CallbackResult> close() {
        return close(CloseSocketOption.normal());
    }

    Registration onOpen(Consumer<SocketOpenEvent> listener);

    Registration onMessage(Consumer<SocketMessageEvent> listener);

    Registration onError(Consumer<SocketErrorEvent> listener);

    Registration onClose(Consumer<SocketCloseEvent> listener);

    /** Called when the socket will reconnect (only with a {@link ReconnectPolicy}). */
    Registration onReconnecting(Consumer<SocketReconnectingEvent> listener);

    /** Called when the socket is open again after reconnecting, before the new open event. */
    Registration onReconnected(Consumer<SocketReconnectedEvent> listener);

    /**
     * Completes with the open event, or fails with a {@link SocketException} if the socket ends before
     * opening ({@code HANDSHAKE_FAILED}, {@code TIMEOUT}, or {@code CLOSED} when closed while connecting).
     */
    CompletionStage<SocketOpenEvent> whenOpen();

    /** Completes with the close event when the socket has ended, in any way. Never fails. */
    CompletionStage<SocketCloseEvent> whenClosed();
}
