package dev.tarosocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Option of {@code sendSocketMessage} and {@link SocketTask#send}: the data (a {@code String} is
 * sent as one text frame, a {@code ByteBuffer} or {@code byte[]} as one binary frame, an object given
 * to {@link Builder#json(Object)} as one text frame of its JSON-B serialization) and the callbacks.
 * A message without data is reported by the call as {@code INVALID_ARGUMENT}, not by {@link Builder#build()}.
 */
public final class SendSocketMessageOption extends CallbackOption {

    private final Object data; // String, read-only ByteBuffer, or null when none was given (or JSON was)
    private final Object json; // the object to send as JSON, or null
    private final Duration deadline; // null: none

    private SendSocketMessageOption(Builder b) {
        super(b);
        this.data = b.data;
        this.json = b.json;
        this.deadline = b.deadline;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SendSocketMessageOption of(String text) {
        return builder().data(text).build();
    }

    public static SendSocketMessageOption of(ByteBuffer binary) {
        return builder().data(binary).build();
    }

    /** {@code String}, read-only {@code ByteBuffer}, or null if the builder was given none (or {@link #json()}). */
    public Object data() {
        return data;
    }

    /** The object to send as a JSON text frame, if the builder was given one with {@link Builder#json(Object)}. */
    public Optional<Object> json() {
        return Optional.ofNullable(json);
    }

    /** How long after the call the message may still be written; empty for no limit. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    public static final class Builder extends CallbackOption.Builder<Builder> {
        private Object data;
        private Object json;
        private Duration deadline;

        private Builder() {
        }

        /** A text frame. */
        public Builder data(String text) {
            this.data = Objects.requireNonNull(text, "data");
            this.json = null;
            return this;
        }

        /**
         * A binary frame of the buffer's remaining bytes. The buffer is not copied: do not change its
         * content until the call completes; its position is not moved.
         */
        public Builder data(ByteBuffer binary) {
            this.data = Objects.requireNonNull(binary, "data").asReadOnlyBuffer();
            this.json = null;
            return this;
        }

        /** A binary frame of the whole array (not copied: do not change it until the call completes). */
        public Builder data(byte[] binary) {
            return data(ByteBuffer.wrap(Objects.requireNonNull(binary, "data")));
        }

        /**
         * A text frame of {@code value} serialized with JSON-B: the application's {@code Jsonb} bean if it
         * has one, else one {@code JsonbBuilder.create()} per manager. It is serialized when the send is
         * called (later changes to {@code value} are not sent). Completion is that of any send; a value
         * JSON-B cannot serialize, or JSON-B missing from the class path, fails the call with
         * {@code INVALID_ARGUMENT} and the {@code fail} callbacks. Replaces any data given before.
         */
        public Builder json(Object value) {
            this.json = Objects.requireNonNull(value, "json");
            this.data = null;
            return this;
        }

        /**
         * A message not yet written this long after the call (queued while connecting or reconnecting)
         * fails with {@code TIMEOUT} instead of being sent late.
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        public SendSocketMessageOption build() {
            return new SendSocketMessageOption(this);
        }
    }
}
