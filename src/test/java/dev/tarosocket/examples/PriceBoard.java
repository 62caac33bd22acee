package dev.tarosocket.examples;

// readme:start
import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The latest price of each symbol, as the socket "prices" reports them. */
@ApplicationScoped
public class PriceBoard {

    @Inject
    @SocketName("prices")
    SocketTask prices;

    private final Map<String, Price> latest = new ConcurrentHashMap<>();

    /** Sends the price as one JSON text frame; completes when it is written. */
    public CompletionStage<CallbackResult> publish(Price price) {
        return prices.sendJson(price);
    }

    /** Every text message of "prices" that decodes to a Price. */
    void onPrice(@Observes @SocketName("prices") Price price) {
        latest.put(price.symbol(), price);
    }

    public Optional<Price> latest(String symbol) {
        return Optional.ofNullable(latest.get(symbol));
    }
}
// readme:end
