package dev.tarosocket;

/** Why a call failed or a socket ended abnormally; carried by {@link SocketException} and error events. */
public enum SocketErrorCode {
    /** A value of the call was not acceptable (e.g. a close reason over 123 UTF-8 bytes, no data). */
    INVALID_ARGUMENT,
    /** The URL is not an absolute {@code ws://} or {@code wss://} URL. Nothing was created. */
    INVALID_URL,
    /** The manager already holds its maximum number of sockets. */
    TOO_MANY_SOCKETS,
    /** A global call ({@code sendSocketMessage}, {@code closeSocket}) found no current socket. */
    NOT_CONNECTED,
    /** The socket is closing or closed, or still connecting under {@link SendPolicy#FAIL}. */
    NOT_OPEN,
    /** Sending would take the bytes queued on this socket over its limit; the socket stays open. */
    BUFFER_FULL,
    /** The socket could not be opened: refused, unknown host, TLS failure, or an HTTP status other than 101. */
    HANDSHAKE_FAILED,
    /** The handshake (or another bounded operation) did not finish in time. */
    TIMEOUT,
    /** The call was accepted, but the socket ended before it completed. */
    CLOSED,
    /** An I/O failure while the socket was open. */
    TRANSPORT,
    /** A close code other than 1000 or 3000 to 4999. */
    INVALID_CLOSE_CODE
}
