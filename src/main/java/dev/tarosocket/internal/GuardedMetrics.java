package dev.tarosocket.internal;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;
import dev.tarosocket.spi.SocketMetrics;

/**
 * The application's {@link SocketMetrics} with every hook guarded: a hook that throws is logged and
 * ignored, so it can never stop a call from completing or a socket from ending.
 */
final class GuardedMetrics implements SocketMetrics {

    private final SocketMetrics hooks;

    private GuardedMetrics(SocketMetrics hooks) {
        this.hooks = hooks;
    }

    static SocketMetrics of(SocketMetrics hooks) {
        return hooks == SocketMetrics.NONE || hooks instanceof GuardedMetrics ? hooks : new GuardedMetrics(hooks);
    }

    @Override
    public void connecting(SocketTask task) {
        Log.guarded("metrics hook", " connecting", () -> hooks.connecting(task));
    }

    @Override
    public void connected(SocketTask task, long handshakeNanos) {
        Log.guarded("metrics hook", " connected", () -> hooks.connected(task, handshakeNanos));
    }

    @Override
    public void callFailed(String api, SocketErrorCode code) {
        Log.guarded("metrics hook", " callFailed", () -> hooks.callFailed(api, code));
    }

    @Override
    public void received(SocketTask task, boolean text, long bytes) {
        Log.guarded("metrics hook", " received", () -> hooks.received(task, text, bytes));
    }

    @Override
    public void sent(SocketTask task, boolean text, long bytes, long latencyNanos) {
        Log.guarded("metrics hook", " sent", () -> hooks.sent(task, text, bytes, latencyNanos));
    }

    @Override
    public void reconnecting(SocketTask task, int attempt) {
        Log.guarded("metrics hook", " reconnecting", () -> hooks.reconnecting(task, attempt));
    }

    @Override
    public void closed(SocketTask task, int code, boolean wasClean) {
        Log.guarded("metrics hook", " closed", () -> hooks.closed(task, code, wasClean));
    }
}
