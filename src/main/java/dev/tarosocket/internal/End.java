package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;

/**
 * How a socket (one connection) ended.
 *
 * @param code        the close code for the close event
 * @param reason      the close reason
 * @param wasClean    whether the close handshake completed
 * @param error       non-null for an abnormal end: the error event's code
 * @param errMsg      the error event's errMsg (for an abnormal end)
 * @param cause       the container's exception, if any
 * @param openFailure how {@code whenOpen()} fails if the socket never opened
 */
record End(int code, String reason, boolean wasClean, SocketErrorCode error, String errMsg, Throwable cause,
           SocketErrorCode openFailure) {

    static final int ABNORMAL = 1006;

    /** An abnormal end: close code 1006, not clean, with one error event first. */
    static End abnormal(SocketErrorCode error, String errMsg, Throwable cause) {
        return new End(ABNORMAL, "", false, error, errMsg, cause, error);
    }

    /** The end the container reported through {@code Endpoint.onClose}. */
    static End reported(int code, String reason) {
        boolean clean = code != ABNORMAL;
        if (!isErrorCode(code)) {
            return new End(code, reason, clean, null, null, null, SocketErrorCode.CLOSED);
        }
        String detail = "onSocketError:fail the connection ended abnormally (close code " + code
                + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")";
        return new End(code, reason, clean, SocketErrorCode.TRANSPORT, detail, null, SocketErrorCode.CLOSED);
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
