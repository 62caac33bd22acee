package dev.tarosocket;

/** What a send does while its socket is still {@link ReadyState#CONNECTING}. */
public enum SendPolicy {
    /** Queue the message (within the buffer limit) and write it, in order, once the socket opens. Default. */
    QUEUE,
    /** Fail at once with {@link SocketErrorCode#NOT_OPEN}, as Taro H5 does. */
    FAIL
}
