/**
 * The events a socket fires (open, message, error, close), delivered to callbacks and listeners and,
 * in CDI, fired for {@code @Observes} and {@code @ObservesAsync} observers, qualified with
 * {@link dev.tarosocket.event.SocketName} for named sockets. Public API.
 */
package dev.tarosocket.event;
