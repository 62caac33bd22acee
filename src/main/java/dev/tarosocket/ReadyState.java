package dev.tarosocket;

/** {@code SocketTask.readyState}, with Taro's (and the browser's) numeric codes. */
public enum ReadyState {
    /** The handshake is under way; sends are queued (or fail under {@link SendPolicy#FAIL}). */
    CONNECTING(0),
    /** The socket is open; sends are written in order. */
    OPEN(1),
    /** A close was asked for; new sends fail with {@link SocketErrorCode#NOT_OPEN}. */
    CLOSING(2),
    /** The socket has ended, in any way; its slot is free. Terminal. */
    CLOSED(3);

    private final int code;

    ReadyState(int code) {
        this.code = code;
    }

    /** 0 for CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED, as Taro's {@code readyState}. */
    public int code() {
        return code;
    }
}
