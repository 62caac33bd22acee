package dev.tarosocket.event;

import dev.tarosocket.SocketTask;
import dev.tarosocket.internal.Json;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One whole message, as Taro delivers it: {@link #data()} is a {@code String} for a text frame or a
 * read-only {@code ByteBuffer} for a binary one. Every call to {@link #data()} or {@link #binary()}
 * returns a fresh read-only view positioned at the start, so several listeners can each read it.
 */
public final class SocketMessageEvent implements SocketEvent {

    private final SocketTask task;
    private final String text;        // null for a binary message
    private final ByteBuffer binary;  // read-only, null for a text message

    private SocketMessageEvent(SocketTask task, String text, ByteBuffer binary) {
        this.task = Objects.requireNonNull(task, "task");
        this.text = text;
        this.binary = binary;
    }

    public static SocketMessageEvent text(SocketTask task, String text) {
        return new SocketMessageEvent(task, Objects.requireNonNull(text, "text"), null);
    }

    public static SocketMessageEvent binary(SocketTask task, ByteBuffer data) {
        return new SocketMessageEvent(task, null, Objects.requireNonNull(data, "data").asReadOnlyBuffer());
    }

    @Override
    public SocketTask task() {
        return task;
    }

    /** A {@code String} (text frame) or a read-only {@code ByteBuffer} (binary frame). */
    public Object data() {
        return text != null ? text : binary();
    }

    public boolean isText() {
        return text != null;
    }

    /** The text of a text message. @throws IllegalStateException for a binary message */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("binary message: use binary()");
        }
        return text;
    }

    /** A read-only view of a binary message. @throws IllegalStateException for a text message */
    public ByteBuffer binary() {
        if (binary == null) {
            throw new IllegalStateException("text message: use text()");
        }
        return binary.duplicate();
    }

    /**
     * The text of this message decoded with JSON-B as {@code type} (the manager's {@code Jsonb}: the
     * application's bean if it has one, else one created per manager). Decoding is this call's business
     * only: a failure throws here and never becomes an error event; the socket is not affected.
     *
     * @return the decoded value; null for the JSON text {@code null}
     * @throws IllegalStateException for a binary message, or when JSON-B is not on the class path
     * @throws RuntimeException      the JSON-B implementation's {@code JsonbException} when the text is
     *                               not JSON or does not fit {@code type}
     */
    public <T> T json(Class<T> type) {
        return type.cast(json((Type) type));
    }

    /**
     * {@link #json(Class)} for a generic type, e.g. {@code List<Price>} through a field's or
     * parameter's {@code getGenericType()}.
     */
    public Object json(Type type) {
        return Json.of(task).codec().fromJson(text(), Objects.requireNonNull(type, "type"));
    }

    /** The payload size: UTF-16 length for text, bytes for binary. */
    public int size() {
        return text != null ? text.length() : binary.remaining();
    }

    @Override
    public String toString() {
        return "SocketMessageEvent[task=" + task.socketTaskId() + ", "
                + (text != null ? "text, " + text.length() + " chars" : "binary, " + binary.remaining() + " bytes") + "]";
    }
}
