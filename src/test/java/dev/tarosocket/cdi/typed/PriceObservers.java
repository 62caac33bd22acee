package dev.tarosocket.cdi.typed;

import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Typed and untyped observers of the socket {@code prices}, and a typed one of {@code other}. */
@ApplicationScoped
public class PriceObservers {

    final List<String> untyped = new CopyOnWriteArrayList<>(); // text (or "binary") of every message, in order
    final List<Price> prices = new CopyOnWriteArrayList<>();
    final List<Tick> ticks = new CopyOnWriteArrayList<>();
    final List<Tick.Priced> pricedTicks = new CopyOnWriteArrayList<>();
    final List<Price> otherPrices = new CopyOnWriteArrayList<>();
    final List<SocketErrorEvent> errors = new CopyOnWriteArrayList<>();

    void message(@Observes @SocketName("prices") SocketMessageEvent e) {
        untyped.add(e.isText() ? e.text() : "binary");
    }

    void price(@Observes @SocketName("prices") Price p) {
        prices.add(p);
    }

    void tick(@Observes @SocketName("prices") Tick t) {
        ticks.add(t);
    }

    void pricedTick(@Observes @SocketName("prices") Tick.Priced t) {
        pricedTicks.add(t);
    }

    /** Notified first (priority 1): its exception must not keep {@link #tick} from being notified. */
    void throwsEveryTime(@Observes @Priority(1) @SocketName("prices") Tick t) {
        throw new IllegalStateException("a typed observer that throws");
    }

    void otherPrice(@Observes @SocketName("other") Price p) {
        otherPrices.add(p);
    }

    void error(@Observes @SocketName("prices") SocketErrorEvent e) {
        errors.add(e);
    }

    // through the client proxy: its fields are not the instance's
    List<String> untyped() {
        return untyped;
    }

    List<Price> prices() {
        return prices;
    }

    List<Tick> ticks() {
        return ticks;
    }

    List<Tick.Priced> pricedTicks() {
        return pricedTicks;
    }

    List<Price> otherPrices() {
        return otherPrices;
    }

    List<SocketErrorEvent> errors() {
        return errors;
    }
}
