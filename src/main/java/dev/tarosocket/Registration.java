package dev.tarosocket;

/** A registered listener; {@link #close()} removes it. Closing twice is harmless. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    /** Removes the listener: it is not called for events fired after this returns. */
    @Override
    void close();
}
