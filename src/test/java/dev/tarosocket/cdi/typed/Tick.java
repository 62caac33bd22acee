package dev.tarosocket.cdi.typed;

/** A JSON-B bean with a subclass, to see each observer get its own type. */
public class Tick {
    public String symbol;

    /** A tick with a price: observed beside {@link Tick}. */
    public static class Priced extends Tick {
        public long cents;
    }
}
