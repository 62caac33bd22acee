package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;

/**
 * How one connection of a socket ended.
 *
 * @param code        the close code for the close event
 * @param reason      the close reason
 * @param wasClean    whether the close handshake completed
 * @param error       non-null for an abnormal end: the error event's code
 * @param errMsg      the error event's errMsg (for an abnormal end)
 * @param cause       the container's exception, if any
 * @param openFailure how {@code whenOpen()} fails if the socket never opened
 * @param retryable   whether a socket with a reconnect policy should try again
 */
record End(int code, String reason, boolean wasClean, SocketErrorCode error, String errMsg, Throwable cause,
           SocketErrorCode openFailure, boolean retryable) {

    static final int ABNORMAL = 1006;

    /** An abnormal end: close code 1006, not clean, with one error event first. */
    static End abnormal(SocketErrorCode error, String errMsg, Throwable cause) {
        boolean retryable = error == SocketErrorCode.HANDSHAKE_FAILED || error == SocketErrorCode.TIMEOUT
                || error == SocketErrorCode.TRANSPORT;
        return new End(ABNORMAL, "", false, error, errMsg, cause, error, retryable);
    }

    /** The end the container reported through {@code Endpoint.onClose}. */
    static End reported(int code, String reason) {
        boolean clean = code != ABNORMAL;
        boolean retryable = isRetryCode(code);
        if (!isErrorCode(code)) {
            return new End(code, reason, clean, null, null, null, SocketErrorCode.CLOSED, retryable);
        }
        String detail = "onSocketError:fail the connection ended abnormally (close code " + code
                + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")";
        return new End(code, reason, clean, SocketErrorCode.TRANSPORT, detail, null, SocketErrorCode.CLOSED, retryable);
    }

    /** Ends worth a reconnect: dropped (1006), server going away, failing or restarting (1001, 1011 to 1014). */
    static boolean isRetryCode(int code) {
        return code == ABNORMAL || code == 1001 || (code >= 1011 && code <= 1014);
    }

    /** Close codes that say something went wrong (RFC 6455 section 7.4.1), as opposed to a normal end. */
    static boolean isErrorCode(int code) {
        switch (code) {
            case 1002: case 1003: case 1006: case 1007: case 1008: case 1009: case 1010: case 1011: case 1015:
                return true;
            default:
                return false;
        }
    }
}
