package dev.tarosocket.it.typed;

/** The typed message the integration test sends and observes. */
public record Quote(String symbol, long cents) {
}
