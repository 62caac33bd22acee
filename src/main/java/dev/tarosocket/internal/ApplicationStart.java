package dev.tarosocket.internal;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Marks the thread that delivers the application's {@code @Initialized(ApplicationScoped.class)}
 * event, while it delivers it: the first of its observers to run sets the mark, the last clears it.
 * Sockets connected in between (connect-on-start, an application's own start observer) are submitted
 * to the managed executor directly, not through the contextual proxy ({@link ManagedExecutors}):
 * the deployment thread already carries the application's context and no caller, and Open Liberty
 * initializes a web module that is still starting once more when its context is applied on the
 * thread that is starting it, which fails the start (a ConcurrentModificationException among its
 * servlet context listeners, SRVE0265E).
 *
 * <p>The mark is a {@code Boolean} in a thread-local of the application's own copy of the library, so
 * a mark left by a start that failed half-way can concern only that failed application.
 */
@Dependent
class ApplicationStart {

    /**
     * Before every other observer of the event (the library's own run at 1 and at the default
     * priority). Not {@code Integer.MIN_VALUE}: on Open Liberty that observer then ran after
     * {@link #END} (priorities compared by subtraction overflow), the mark was never set, and an
     * application that connects at start failed to start.
     */
    static final int BEGIN = 0;
    /** After every other observer of the event. */
    static final int END = Integer.MAX_VALUE;

    private static final ThreadLocal<Boolean> STARTING = new ThreadLocal<>();

    void begins(@Observes @Priority(BEGIN) @Initialized(ApplicationScoped.class) Object event) {
        begin();
    }

    void ends(@Observes @Priority(END) @Initialized(ApplicationScoped.class) Object event) {
        end();
    }

    static void begin() {
        STARTING.set(Boolean.TRUE);
    }

    static void end() {
        STARTING.remove();
    }

    /** Whether this thread is delivering the application's start event now. */
    static boolean onThisThread() {
        return STARTING.get() != null;
    }
}
