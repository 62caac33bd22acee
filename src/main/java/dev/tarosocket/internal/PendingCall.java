package dev.tarosocket.internal;

import dev.tarosocket.CallbackOption;
import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.spi.SocketMetrics;

import java.util.concurrent.CompletableFuture;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One Taro call in progress. Completes exactly once, whoever tries first: {@code success} or
 * {@code fail}, then {@code complete}, then the stage. Later attempts return false and do nothing.
 *
 * <p>The call is its own stage (one object per call, not two); stages derived from it are plain
 * {@link CompletableFuture}s ({@link #newIncompleteFuture}).
 *
 * @param <T> the stage's value
 */
final class PendingCall<T> extends CompletableFuture<T> {

    final String api;
    private final CallbackOption option;
    private final SocketMetrics metrics;
    final long createdNanos = System.nanoTime();
    final CompletableFuture<T> stage = this;
    private volatile int done; // 1 once the completion that counts began (a field, not an AtomicBoolean: one object less per call)

    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(PendingCall.class, "done", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    PendingCall(String api, CallbackOption option, SocketMetrics metrics) {
        this.api = api;
        this.option = option;
        this.metrics = metrics;
    }

    /** Whether a completion that counts began (the stage may complete a moment later). */
    boolean isSettled() {
        return done != 0;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    /** Whether completing this call runs user code (so that it should not run on a container thread). */
    boolean hasCallbacks() {
        return option.hasCallbacks();
    }

    boolean succeed(T value) {
        if (!DONE.compareAndSet(this, 0, 1)) {
            return false;
        }
        if (option.hasCallbacks()) {
            CallbackResult ok = CallbackResult.ok(api);
            Log.guarded(api, " success callback", () -> option.success().accept(ok));
            Log.guarded(api, " complete callback", () -> option.complete().accept(ok));
        }
        stage.complete(value);
        return true;
    }

    boolean fail(SocketErrorCode code, String detail, Throwable cause) {
        if (!DONE.compareAndSet(this, 0, 1)) {
            return false;
        }
        metrics.callFailed(api, code);
        CallbackResult failed = CallbackResult.fail(api, detail);
        Log.guarded(api, " fail callback", () -> option.fail().accept(failed));
        Log.guarded(api, " complete callback", () -> option.complete().accept(failed));
        stage.completeExceptionally(new SocketException(code, failed, cause));
        return true;
    }

    boolean fail(SocketErrorCode code, String detail) {
        return fail(code, detail, null);
    }
}
