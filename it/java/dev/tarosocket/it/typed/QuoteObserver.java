package dev.tarosocket.it.typed;

import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The typed observer of the socket: every text message that decodes to a {@link Quote}. */
@ApplicationScoped
public class QuoteObserver {

    private final BlockingQueue<Quote> quotes = new LinkedBlockingQueue<>();

    void quote(@Observes @SocketName(RelayConfigSource.SOCKET) Quote quote) {
        quotes.add(quote);
    }

    /** The next quote, or null after {@code seconds}. */
    public Quote next(long seconds) throws InterruptedException {
        return quotes.poll(seconds, TimeUnit.SECONDS);
    }
}
