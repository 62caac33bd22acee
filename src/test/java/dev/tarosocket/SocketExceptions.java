package dev.tarosocket;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Helpers to look at failed stages. */
public final class SocketExceptions {

    private SocketExceptions() {
    }

    static String errMsg(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof SocketException ? ((SocketException) c).errMsg() : String.valueOf(c);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Waits for the stage to fail and returns its SocketException. */
    public static SocketException failure(CompletionStage<?> stage) {
        try {
            Object v = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return fail("expected a failure, got " + v);
        } catch (ExecutionException e) {
            Throwable c = unwrap(e);
            assertThat(c).isInstanceOf(SocketException.class);
            return (SocketException) c;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the stage to complete normally. */
    public static <T> T value(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage failed: " + errMsg(e), e);
        }
    }
}
