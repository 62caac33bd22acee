package dev.tarosocket;

import java.util.Objects;

/**
 * Option of {@code closeSocket} and {@link SocketTask#close}. The code must be 1000 or 3000 to 4999
 * and the reason at most 123 UTF-8 bytes, as browsers require; the call (not this builder) reports a
 * bad one with {@code INVALID_CLOSE_CODE} or {@code INVALID_ARGUMENT}.
 */
public final class CloseSocketOption extends CallbackOption {

    /** Normal closure, the default code. */
    public static final int NORMAL_CLOSURE = 1000;

    private final int code;
    private final String reason;

    private CloseSocketOption(Builder b) {
        super(b);
        this.code = b.code;
        this.reason = b.reason;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Code 1000, no reason, no callbacks. */
    public static CloseSocketOption normal() {
        return builder().build();
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public static final class Builder extends CallbackOption.Builder<Builder> {
        private int code = NORMAL_CLOSURE;
        private String reason = "";

        private Builder() {
        }

        public Builder code(int code) {
            this.code = code;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public CloseSocketOption build() {
            return new CloseSocketOption(this);
        }
    }
}
