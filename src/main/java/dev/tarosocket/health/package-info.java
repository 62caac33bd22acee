/**
 * MicroProfile Health integration: {@link dev.tarosocket.health.SocketsReadinessCheck}, a readiness
 * check over the named sockets. Needs {@code org.eclipse.microprofile.health} at run time; nothing in
 * the library loads this package unless the application uses it, and it is not a CDI bean by itself
 * (the application opts in with a one-line {@code @Readiness} subclass), so deployments without
 * MicroProfile Health are unaffected.
 */
package dev.tarosocket.health;
