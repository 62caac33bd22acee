/**
 * Micrometer integration: {@link dev.tarosocket.metrics.MicrometerSocketMetrics}, an implementation
 * of the {@link dev.tarosocket.spi.SocketMetrics} hooks. Needs {@code io.micrometer:micrometer-core}
 * at run time; nothing in the library loads this package unless the application uses it, and it
 * holds no CDI bean, so deployments without Micrometer are unaffected.
 */
package dev.tarosocket.metrics;
