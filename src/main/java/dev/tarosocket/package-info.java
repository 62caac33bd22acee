/**
 * The Taro WebSocket API for Java: {@link dev.tarosocket.SocketManager} ({@code connectSocket},
 * {@code sendSocketMessage}, {@code closeSocket}, {@code onSocketOpen/Message/Error/Close}),
 * {@link dev.tarosocket.SocketTask}, the immutable options and {@link dev.tarosocket.CallbackResult}
 * with Taro's {@code errMsg}. This package, with {@code event}, {@code config}, {@code spi},
 * {@code health} and {@code metrics}, is the public API; {@code dev.tarosocket.internal} is not.
 * The jar's module name is {@code dev.tarosocket} ({@code Automatic-Module-Name}).
 */
package dev.tarosocket;
