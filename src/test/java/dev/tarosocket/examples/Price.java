package dev.tarosocket.examples;

/** The quick start's message: {@code {"cents":4200,"symbol":"TARO"}}. */
public record Price(String symbol, long cents) {
}
