/**
 * Configuration: {@link dev.tarosocket.config.SocketSettings} (manager-wide limits and timeouts),
 * {@link dev.tarosocket.config.ConfigKeys} (every {@code taro.socket.*} key) and
 * {@link dev.tarosocket.config.ConfigSource} (MicroProfile Config when present, else system
 * properties and environment variables). Public API.
 */
package dev.tarosocket.config;
