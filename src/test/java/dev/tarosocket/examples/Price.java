package dev.tarosocket.examples;

// readme:start
/** The quick start's message: {@code {"cents":4200,"symbol":"TARO"}}. */
public record Price(String symbol, long cents) {
}
// readme:end
