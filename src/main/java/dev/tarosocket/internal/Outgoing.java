package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketErrorCode;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * One item of a socket's outgoing queue: a data frame, a heartbeat's text ping (which goes first and
 * counts for no {@code bufferedAmount}), or the close the application asked for (queued behind the
 * data sent before it, as browsers do).
 *
 * <p>An item is its own {@link SendHandler}: handing it over allocates nothing beyond what the
 * container allocates (the claim records the session, connection and writer it was handed to).
 */
final class Outgoing implements SendHandler {

    final PendingCall<CallbackResult> call;
    final Object data;        // String or read-only ByteBuffer; null for the close item
    final long bytes;         // what this item adds to bufferedAmount (0 for the close item)
    final int closeCode;      // for the close item
    final String closeReason; // for the close item
    final long deadlineNanos; // System.nanoTime() after which a data item is stale; 0 for none
    final Runnable onHandedOver; // a ping's: starts its answer deadline; null for other items
    long handedOverNanos;     // when it was handed to the container; guarded by the socket's lock
    long claimSeq;            // the outbox's count of claims when it was last claimed; 0 if never; same guard
    boolean besideOthers;     // others were in flight when it was last claimed; same guard
    Session session;          // the session it is handed to, set by the claim under the socket's lock
    int generation;           // that session's connection, set by the claim
    Writer writer;            // who hears the container's report, set by the claim

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

    /** Hands the frame to the container, which reports to {@link #onResult} when it is written. */
    void write(RemoteEndpoint.Async remote) {
        if (data instanceof String) {
            remote.sendText((String) data, this);
        } else {
            ByteBuffer frame = ((ByteBuffer) data).duplicate();
            remote.sendBinary(VendorProperties.masksClientFramesInPlace(remote) ? copy(frame) : frame, this);
        }
    }

    /** The container's report (the claim's writes happen-before the hand-over, hence before this). */
    @Override
    public void onResult(SendResult result) {
        writer.written(generation, this, result);
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
