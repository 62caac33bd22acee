package dev.tarosocket.internal;

import jakarta.websocket.MessageHandler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Whole messages assembled from a container's partial deliveries, with {@code max-message-bytes}
 * enforced as the parts arrive. Used for containers that do not enforce the session's size limit
 * themselves on a frame that announces a huge length (Undertow buffers it silently), so that such a
 * peer ends the connection with 1009 instead of filling the heap, and for containers that would
 * allocate a buffer of the full limit per connection (Tomcat), so that a socket costs what its
 * messages need. The container calls one connection's
 * handlers one part at a time.
 */
final class PartialMessages {

    private final Receiver receiver;
    private final int generation;
    private final boolean holdBack;
    private final int maxMessageBytes;
    private StringBuilder text;          // the text message being assembled, null between messages
    private long textBytes;              // its UTF-8 size so far
    private ByteArrayOutputStream binary; // the binary message being assembled, null between messages
    private boolean discarding;          // the current message went over the limit: ignore its parts

    PartialMessages(Receiver receiver, int generation, boolean holdBack, int maxMessageBytes) {
        this.receiver = receiver;
        this.generation = generation;
        this.holdBack = holdBack;
        this.maxMessageBytes = maxMessageBytes;
    }

    MessageHandler.Partial<String> text() {
        return (part, last) -> {
            if (!discarding) {
                if (text == null) {
                    text = new StringBuilder(part.length());
                    textBytes = 0;
                }
                textBytes += Validation.utf8Length(part);
                if (textBytes > maxMessageBytes) {
                    tooBig(textBytes);
                } else {
                    text.append(part);
                }
            }
            if (last) {
                String whole = discarding ? null : text.toString();
                reset();
                if (whole != null) {
                    receiver.text(generation, whole, holdBack);
                }
            }
        };
    }

    MessageHandler.Partial<ByteBuffer> binary() {
        return (part, last) -> {
            if (!discarding) {
                if (binary == null) {
                    binary = new ByteArrayOutputStream(Math.max(32, part.remaining()));
                }
                long size = (long) binary.size() + part.remaining();
                if (size > maxMessageBytes) {
                    tooBig(size);
                } else {
                    byte[] bytes = new byte[part.remaining()];
                    part.get(bytes);
                    binary.write(bytes, 0, bytes.length);
                }
            }
            if (last) {
                byte[] whole = discarding ? null : binary.toByteArray();
                reset();
                if (whole != null) {
                    receiver.binary(generation, ByteBuffer.wrap(whole), holdBack);
                }
            }
        };
    }

    private void tooBig(long bytes) {
        discarding = true;
        text = null;
        binary = null;
        receiver.tooBig(generation, bytes);
    }

    private void reset() {
        text = null;
        binary = null;
        discarding = false;
    }
}
