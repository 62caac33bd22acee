package dev.tarosocket.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on a monitor for a condition, shared by the test servers.
 *
 * <p>Contract: {@link #await} holds {@code lock} while it evaluates {@code condition} and waits
 * with {@link Object#wait(long)} (never sleeps), so whoever changes the state must call
 * {@code lock.notifyAll()} holding the lock. On timeout it throws {@link AssertionError} with
 * {@code what} and {@code state}.
 */
final class Monitors {

    private Monitors() {
    }

    static void await(Object lock, BooleanSupplier condition, Duration timeout, String what, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; " + state.get());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }
}
