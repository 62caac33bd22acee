package dev.tarosocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records, in order, what one call did: its callbacks ("success:&lt;errMsg&gt;", "fail:…",
 * "complete:…") and its stage ("stage:ok" or "stage:fail &lt;errMsg&gt;").
 */
public final class CallLog {

    private final List<String> entries = new ArrayList<>();
    private CompletableFuture<?> recorded = CompletableFuture.completedFuture(null); // done once the stage is logged

    public <B extends CallbackOption.Builder<B>> B recordOn(B builder) {
        return builder.success(r -> add("success:" + r.errMsg()))
                .fail(r -> add("fail:" + r.errMsg()))
                .complete(r -> add("complete:" + r.errMsg()));
    }

    public <T> CompletionStage<T> recordStage(CompletionStage<T> stage) {
        recorded = stage.toCompletableFuture()
                .whenComplete((v, e) -> add(e == null ? "stage:ok" : "stage:fail " + SocketExceptions.errMsg(e)))
                .handle((v, e) -> null);
        return stage;
    }

    /** Waits until the stage's outcome is in the log. */
    public void awaitDone() throws Exception {
        recorded.get(10, TimeUnit.SECONDS);
    }

    private synchronized void add(String entry) {
        entries.add(entry);
    }

    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Waits for the stage, then checks the whole log: exactly one success, complete, stage. */
    public void assertSucceeded(CompletionStage<?> stage, String errMsg) throws Exception {
        stage.toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        recorded.get(10, TimeUnit.SECONDS);
        assertThat(entries()).containsExactly("success:" + errMsg, "complete:" + errMsg, "stage:ok");
    }

    /** Waits for the stage, then checks: exactly one fail, complete, failed stage, all with the errMsg. */
    public void assertFailed(CompletionStage<?> stage, String errMsg) throws Exception {
        stage.toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
        recorded.get(10, TimeUnit.SECONDS);
        assertThat(entries()).containsExactly("fail:" + errMsg, "complete:" + errMsg, "stage:fail " + errMsg);
    }
}
