package dev.tarosocket.model;

import dev.tarosocket.CallbackOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call (connect, send or close) and everything it did: how often each callback ran, in which
 * order, and how its stage completed. The contract: exactly one of success/fail, then complete, then
 * the stage (exceptionally with a {@link SocketException} carrying a code).
 */
final class Call {

    final String label;
    /** UTF-8 / binary size of a send's data; 0 for other calls. */
    final long size;
    private final AtomicLong clock;
    final AtomicInteger success = new AtomicInteger();
    final AtomicInteger fail = new AtomicInteger();
    final AtomicInteger complete = new AtomicInteger();
    final AtomicInteger stageCompletions = new AtomicInteger();
    private volatile String orderViolation;
    private volatile boolean stageOk;
    private volatile Throwable stageError;
    /** Clock value when the stage completed (0 while pending). */
    volatile long doneStamp;

    Call(String label, long size, AtomicLong clock) {
        this.label = label;
        this.size = size;
        this.clock = clock;
    }

    <B extends CallbackOption.Builder<B>> B recordOn(B builder) {
        return builder.success(r -> {
            success.incrementAndGet();
            if (complete.get() > 0 || stageCompletions.get() > 0) {
                orderViolation = "success after complete/stage";
            }
        }).fail(r -> {
            fail.incrementAndGet();
            if (complete.get() > 0 || stageCompletions.get() > 0) {
                orderViolation = "fail after complete/stage";
            }
        }).complete(r -> {
            complete.incrementAndGet();
            if (success.get() + fail.get() != 1 || stageCompletions.get() > 0) {
                orderViolation = "complete without exactly one success/fail before it, or after the stage";
            }
        });
    }

    <T> CompletionStage<T> recordStage(CompletionStage<T> stage) {
        stage.whenComplete((v, e) -> {
            stageCompletions.incrementAndGet();
            if (e == null) {
                stageOk = true;
            } else {
                stageError = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            }
            if (success.get() + fail.get() != 1 || complete.get() != 1) {
                orderViolation = "stage completed before exactly one success/fail and one complete (success="
                        + success.get() + " fail=" + fail.get() + " complete=" + complete.get() + ")";
            } else if (e == null ? success.get() != 1 : fail.get() != 1) {
                orderViolation = "stage outcome disagrees with the callback (stage " + (e == null ? "ok" : "failed") + ")";
            }
            doneStamp = clock.incrementAndGet();
        });
        return stage;
    }

    boolean done() {
        return doneStamp != 0;
    }

    boolean ok() {
        return done() && stageOk;
    }

    /** The failure code, or null if pending, succeeded, or the failure was not a SocketException. */
    SocketErrorCode code() {
        return stageError instanceof SocketException se ? se.code() : null;
    }

    String outcome() {
        if (!done()) {
            return "pending";
        }
        return stageOk ? "ok" : "fail " + (stageError instanceof SocketException se ? se.code() + " " + se.errMsg() : stageError);
    }

    /** Null if nothing was invoked more than once or out of order so far, else what went wrong. */
    String safetyViolation() {
        if (success.get() > 1 || fail.get() > 1 || complete.get() > 1 || success.get() + fail.get() > 1) {
            return counts() + ": a callback ran more than once";
        }
        if (orderViolation != null) {
            return counts() + ": " + orderViolation;
        }
        if (stageError != null && (!(stageError instanceof SocketException se) || se.code() == null)) {
            return "stage failed with " + stageError + ", not a SocketException with a code";
        }
        return null;
    }

    /** Null if the call completed exactly once, else what is missing. */
    String completionViolation() {
        String s = safetyViolation();
        if (s != null) {
            return s;
        }
        if (!done() || success.get() + fail.get() != 1 || complete.get() != 1) {
            return counts() + ": not completed exactly once";
        }
        return null;
    }

    String counts() {
        return label + " [success=" + success.get() + " fail=" + fail.get() + " complete=" + complete.get()
                + " stage=" + stageCompletions.get() + " " + outcome() + "]";
    }

    @Override
    public String toString() {
        return label + "=" + outcome();
    }
}
