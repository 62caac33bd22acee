package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketMessageEvent;

import jakarta.websocket.CloseReason;

import java.nio.ByteBuffer;

/**
 * What the container reads for one socket: messages, pongs. Runs on the container's threads.
 *
 * <p>Invariants: a message of a connection that is not the socket's current one, or of an ended
 * socket, is dropped here; an accepted message is handed to {@link Delivery} with its bytes counted in
 * the {@link Inbox} until the lane is done with it; when the inbox is over its bound the container's
 * thread is held back (or, on a container that keeps reading regardless, the connection closes with
 * 1008); a message over {@code max-message-bytes} ends the connection with 1009. Never called with
 * the socket's lock held, and never takes it while waiting.
 *
 * <p>With inline delivery (the socket's {@code deliverInline} option) a message is delivered on the
 * container's thread when the socket's event lane is idle, and is then never counted in the inbox
 * (nothing waits); when events wait in the lane it queues behind them, counted and bounded as above.
 */
final class Receiver {

    private final ManagedSocket socket;
    private final int maxMessageBytes;
    private final boolean inline;

    Receiver(ManagedSocket socket) {
        this.socket = socket;
        this.maxMessageBytes = socket.engine.settings().maxMessageBytes();
        this.inline = socket.option().deliverInline();
    }

    void text(int gen, String text, boolean mayHoldBack) {
        if (!socket.link.isLive(gen)) {
            return;
        }
        if (text.length() > maxMessageBytes / 3 && Validation.utf8Length(text) > maxMessageBytes) {
            tooBig(gen, Validation.utf8Length(text));
            return;
        }
        HeartbeatTimer hb = socket.link.heartbeat;
        if (hb != null && hb.heartbeat().replyText().filter(text::equals).isPresent()) {
            hb.answered();
            return;
        }
        socket.engine.metrics().received(socket, true, text.length());
        accept(gen, SocketMessageEvent.text(socket, text), 2L * text.length(), mayHoldBack);
    }

    void binary(int gen, ByteBuffer data, boolean mayHoldBack) {
        if (!socket.link.isLive(gen)) {
            return;
        }
        if (data.remaining() > maxMessageBytes) {
            tooBig(gen, data.remaining());
            return;
        }
        socket.engine.metrics().received(socket, false, data.remaining());
        // copy: containers may reuse or pool the buffer once onMessage returns
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        accept(gen, SocketMessageEvent.binary(socket, copy), copy.capacity(), mayHoldBack);
    }

    void pong(int gen) {
        HeartbeatTimer hb = socket.link.heartbeat;
        if (hb != null && socket.link.isLive(gen)) {
            hb.answered();
        }
    }

    /** Hands the message to the lane (or delivers it here, inline); past the inbox's bound, holds the container's thread back. */
    private void accept(int gen, SocketMessageEvent event, long bytes, boolean mayHoldBack) {
        Delivery delivery = socket.delivery;
        if (inline && delivery.enterInline()) {
            try {
                if (delivery.deliverable(gen)) {
                    fire(socket, event);
                }
            } finally {
                delivery.exitInline();
            }
            return;
        }
        Inbox inbox = socket.inbox;
        boolean over = inbox.add(bytes);
        delivery.message(new Incoming(socket, gen, event, bytes));
        if (!over) {
            return;
        }
        if (mayHoldBack && !Lane.isLaneThread()) {
            inbox.holdBack();
            return;
        }
        long max = socket.engine.settings().maxInboundBytes();
        socket.connectionEnded(gen, new End(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "inbound limit", false,
                SocketErrorCode.TRANSPORT, "onSocketError:fail more than " + SocketSettings.MAX_INBOUND_BYTES + " ("
                + max + ") bytes of incoming messages waited for the listeners; closed with 1008", null,
                SocketErrorCode.CLOSED, false));
    }

    private static void fire(ManagedSocket socket, SocketMessageEvent event) {
        Delivery.fire(event, socket.listeners.message, socket.engine.global.message, socket.engine, socket,
                "onMessage listener");
    }

    /** One queued message: the lane's task (one object per message, no lambdas), bytes given back when done. */
    private static final class Incoming implements Runnable {
        private final ManagedSocket socket;
        private final int gen;
        private final SocketMessageEvent event;
        private final long bytes;

        Incoming(ManagedSocket socket, int gen, SocketMessageEvent event, long bytes) {
            this.socket = socket;
            this.gen = gen;
            this.event = event;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try {
                if (socket.delivery.deliverable(gen)) {
                    fire(socket, event);
                }
            } finally {
                socket.inbox.remove(bytes);
            }
        }
    }

    /**
     * A message over {@code max-message-bytes} that the container let through (Tyrus does not apply
     * the session's limit to a single-frame message): end the connection with 1009, as the protocol says.
     */
    void tooBig(int gen, long bytes) {
        String errMsg = "onSocketError:fail an incoming message of " + bytes + " bytes is larger than "
                + SocketSettings.MAX_MESSAGE_BYTES + " (" + maxMessageBytes + ")";
        socket.connectionEnded(gen, new End(CloseReason.CloseCodes.TOO_BIG.getCode(), "message too big", false,
                SocketErrorCode.TRANSPORT, errMsg, null, SocketErrorCode.CLOSED, false));
    }
}
