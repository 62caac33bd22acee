package dev.tarosocket;

import java.util.Objects;

/**
 * How a failed call completes its stage: the same {@link CallbackResult} the {@code fail} callback
 * received, and the {@link SocketErrorCode} that says why.
 */
public class SocketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CallbackResult result;
    private final SocketErrorCode code;

    public SocketException(SocketErrorCode code, CallbackResult result, Throwable cause) {
        super(Objects.requireNonNull(result, "result").errMsg(), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.result = result;
    }

    public SocketException(SocketErrorCode code, CallbackResult result) {
        this(code, result, null);
    }

    /** The result handed to the {@code fail} and {@code complete} callbacks. */
    public CallbackResult result() {
        return result;
    }

    /** Why the call failed. */
    public SocketErrorCode code() {
        return code;
    }

    /** Shorthand for {@code result().errMsg()}. */
    public String errMsg() {
        return result.errMsg();
    }
}
