package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketErrorCode;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import java.nio.ByteBuffer;

/**
 * One item of a socket's outgoing queue: a data frame, a heartbeat's text ping (which goes first and
 * counts for no {@code bufferedAmount}), or the close the application asked for (queued behind the
 * data sent before it, as browsers do).
 */
final class Outgoing {

    final PendingCall<CallbackResult> call;
    final Object data;        // String or read-only ByteBuffer; null for the close item
    final long bytes;         // what this item adds to bufferedAmount (0 for the close item)
    final int closeCode;      // for the close item
    final String closeReason; // for the close item
    final long deadlineNanos; // System.nanoTime() after which a data item is stale; 0 for none
    final Runnable onHandedOver; // a ping's: starts its answer deadline; null for other items
    long handedOverNanos;     // when it was handed to the container; guarded by the socket's lock

    private Outgoing(PendingCall<CallbackResult> call, Object data, long bytes, int closeCode, String closeReason,
                     long deadlineNanos, Runnable onHandedOver) {
        this.onHandedOver = onHandedOver;
        this.call = call;
        this.deadlineNanos = deadlineNanos;
        this.data = data;
        this.bytes = bytes;
        this.closeCode = closeCode;
        this.closeReason = closeReason;
    }

    static Outgoing data(PendingCall<CallbackResult> call, Object data, long bytes, long deadlineNanos) {
        return new Outgoing(call, data, bytes, 0, null, deadlineNanos, null);
    }

    static Outgoing ping(PendingCall<CallbackResult> call, String text, Runnable onHandedOver) {
        return new Outgoing(call, text, 0, 0, null, 0, onHandedOver);
    }

    static Outgoing close(PendingCall<CallbackResult> call, int code, String reason) {
        return new Outgoing(call, null, 0, code, reason, 0, null);
    }

    boolean isPing() {
        return onHandedOver != null;
    }

    boolean isStale(long nowNanos) {
        return deadlineNanos != 0 && nowNanos - deadlineNanos > 0;
    }

    boolean isClose() {
        return data == null;
    }

    /** Hands the frame to the container; the handler reports when it is written. */
    void write(RemoteEndpoint.Async remote, SendHandler handler) {
        if (data instanceof String) {
            remote.sendText((String) data, handler);
        } else {
            ByteBuffer frame = ((ByteBuffer) data).duplicate();
            remote.sendBinary(VendorProperties.masksClientFramesInPlace(remote) ? copy(frame) : frame, handler);
        }
    }

    private static ByteBuffer copy(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame).flip();
        return copy;
    }

    /** Completes the call as the end of its connection demands: a pending close is done, a pending send is not. */
    void ended(String why) {
        if (isClose()) {
            call.succeed(CallbackResult.ok(call.api));
        } else {
            call.fail(SocketErrorCode.CLOSED, why);
        }
    }
}
