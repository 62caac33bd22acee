package dev.tarosocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Option of {@code sendSocketMessage} and {@link SocketTask#send}: the data (a {@code String} is
 * sent as one text frame, a {@code ByteBuffer} or {@code byte[]} as one binary frame) and the callbacks.
 * A message without data is reported by the call as {@code INVALID_ARGUMENT}, not by {@link Builder#build()}.
 */
public final class SendSocketMessageOption extends CallbackOption {

    private final Object data; // String, read-only ByteBuffer, or null when none was given
    private final Duration deadline; // null: none

    private SendSocketMessageOption(Builder b) {
        super(b);
        this.data = b.data;
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

    /** {@code String}, read-only {@code ByteBuffer}, or null if the builder was given none. */
    public Object data() {
        return data;
    }

    /** How long after the call the message may still be written; empty for no limit. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    public static final class Builder extends CallbackOption.Builder<Builder> {
        private Object data;
        private Duration deadline;

        private Builder() {
        }

        /** A text frame. */
        public Builder data(String text) {
            this.data = Objects.requireNonNull(text, "data");
            return this;
        }

        /**
         * A binary frame of the buffer's remaining bytes. The buffer is not copied: do not change its
         * content until the call completes; its position is not moved.
         */
        public Builder data(ByteBuffer binary) {
            this.data = Objects.requireNonNull(binary, "data").asReadOnlyBuffer();
            return this;
        }

        /** A binary frame of the whole array (not copied: do not change it until the call completes). */
        public Builder data(byte[] binary) {
            return data(ByteBuffer.wrap(Objects.requireNonNull(binary, "data")));
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
