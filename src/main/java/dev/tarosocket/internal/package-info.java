/**
 * The implementation: socket state machine, send queue, delivery lanes, executors and container
 * handling. Not API: its types are public only so that the API package can reach them, and may change
 * in any release without notice. Do not use them from applications.
 */
package dev.tarosocket.internal;
