package dev.tarosocket.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task submitted on the thread that is starting the application goes to the managed executor
 * itself; any other goes through the contextual proxy (on Open Liberty, applying the application's
 * context on the thread that starts it fails the start).
 */
class SubmissionDuringApplicationStartTest {

    private final List<String> route = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = ManagedExecutors.executor(new Recording(route),
            task -> route.add("proxy"));

    @AfterEach
    void leaveStart() {
        ApplicationStart.end();
    }

    @Test
    void aTaskFromTheStartingThreadSkipsTheProxyAndOthersDoNot() throws Exception {
        executor.execute(() -> { });
        ApplicationStart.begin();
        executor.execute(() -> { });
        Thread other = new Thread(() -> executor.execute(() -> { }));
        other.start();
        other.join(TimeUnit.SECONDS.toMillis(10));
        ApplicationStart.end();
        executor.execute(() -> { });

        assertThat(route).containsExactly("proxy", "managed", "proxy", "proxy");
    }

    /** The managed executor: records the submission and runs nothing. */
    private static final class Recording extends AbstractExecutorService {
        private final List<String> route;

        Recording(List<String> route) {
            this.route = route;
        }

        @Override
        public void execute(Runnable command) {
            route.add("managed");
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
