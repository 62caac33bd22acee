package dev.tarosocket.cdi.typed;

/** A JSON message of the typed tests. */
public record Price(String symbol, long cents) {
}
