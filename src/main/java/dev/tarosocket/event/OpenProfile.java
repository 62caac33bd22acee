package dev.tarosocket.event;

/**
 * Timings of one successful connection, as WeChat's {@code profile}: all in milliseconds.
 *
 * @param connectStart   epoch millis when the handshake started
 * @param handshakeCost  how long {@code connectToServer} took, up to the open callback
 * @param cost           from the {@code connectSocket} call to the open event
 */
public record OpenProfile(long connectStart, long handshakeCost, long cost) {
}
