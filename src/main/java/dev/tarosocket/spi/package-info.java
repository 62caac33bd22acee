/**
 * Extension points the application may implement: {@link dev.tarosocket.spi.SocketMetrics} (metrics
 * hooks; in CDI an application bean of this type is picked up) and
 * {@link dev.tarosocket.spi.EventSink} (where events are published). Public API.
 */
package dev.tarosocket.spi;
