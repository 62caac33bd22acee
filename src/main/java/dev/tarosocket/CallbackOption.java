package dev.tarosocket;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every Taro option shares: the {@code success}, {@code fail} and {@code complete} callbacks.
 * A call invokes exactly one of {@code success} / {@code fail}, then {@code complete}, then
 * completes its stage. A callback that throws is logged and changes nothing else.
 */
public abstract class CallbackOption {

    private static final Consumer<CallbackResult> NOTHING = r -> { };

    private final Consumer<CallbackResult> success;
    private final Consumer<CallbackResult> fail;
    private final Consumer<CallbackResult> complete;

    protected CallbackOption(Builder<?> b) {
        this.success = b.success;
        this.fail = b.fail;
        this.complete = b.complete;
    }

    public Consumer<CallbackResult> success() {
        return success;
    }

    public Consumer<CallbackResult> fail() {
        return fail;
    }

    public Consumer<CallbackResult> complete() {
        return complete;
    }

    /** Whether any of the three callbacks was set (lets the engine skip a thread hop when none was). */
    public boolean hasCallbacks() {
        return success != NOTHING || fail != NOTHING || complete != NOTHING;
    }

    /** The builder part shared by all options. */
    public abstract static class Builder<B extends Builder<B>> {
        private Consumer<CallbackResult> success = NOTHING;
        private Consumer<CallbackResult> fail = NOTHING;
        private Consumer<CallbackResult> complete = NOTHING;

        protected Builder() {
        }

        /** Called with {@code <api>:ok} when the call succeeds. */
        public B success(Consumer<CallbackResult> callback) {
            this.success = Objects.requireNonNull(callback, "success");
            return self();
        }

        /** Called with {@code <api>:fail <detail>} when the call fails. */
        public B fail(Consumer<CallbackResult> callback) {
            this.fail = Objects.requireNonNull(callback, "fail");
            return self();
        }

        /** Called after {@code success} or {@code fail}, whatever the outcome. */
        public B complete(Consumer<CallbackResult> callback) {
            this.complete = Objects.requireNonNull(callback, "complete");
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
