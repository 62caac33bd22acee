package dev.tarosocket.it.app;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The application's observers of the socket named {@value #NAME}: what they receive, for the test
 * to take. Messages of sockets with another name, or no name, must not arrive here.
 */
@ApplicationScoped
public class SocketObservers {

    public static final String NAME = "it-observed";

    private final BlockingQueue<SocketMessageEvent> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<SocketMessageEvent> asyncMessages = new LinkedBlockingQueue<>();
    private final BlockingQueue<SocketCloseEvent> closes = new LinkedBlockingQueue<>();

    void message(@Observes @SocketName(NAME) SocketMessageEvent event) {
        messages.add(event);
    }

    void messageAsync(@ObservesAsync @SocketName(NAME) SocketMessageEvent event) {
        asyncMessages.add(event);
    }

    void closed(@Observes @SocketName(NAME) SocketCloseEvent event) {
        closes.add(event);
    }

    /** The next message seen by the synchronous observer, or null after 10 s. */
    public SocketMessageEvent nextMessage() throws InterruptedException {
        return messages.poll(10, TimeUnit.SECONDS);
    }

    /** The next message seen by the asynchronous observer, or null after 10 s. */
    public SocketMessageEvent nextAsyncMessage() throws InterruptedException {
        return asyncMessages.poll(10, TimeUnit.SECONDS);
    }

    /** The next close event, or null after 10 s. */
    public SocketCloseEvent nextClose() throws InterruptedException {
        return closes.poll(10, TimeUnit.SECONDS);
    }
}
