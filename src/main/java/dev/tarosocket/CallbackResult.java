package dev.tarosocket;

import java.util.Objects;

/**
 * The result every Taro call hands to its {@code success}, {@code fail} and {@code complete}
 * callbacks: an {@code errMsg} of the form {@code <api>:ok} or {@code <api>:fail <detail>}.
 *
 * @param errMsg the Taro error message, never null
 */
public record CallbackResult(String errMsg) {

    public CallbackResult {
        Objects.requireNonNull(errMsg, "errMsg");
    }

    private static final CallbackResult CONNECT_OK = new CallbackResult("connectSocket:ok");
    private static final CallbackResult SEND_OK = new CallbackResult("sendSocketMessage:ok");
    private static final CallbackResult CLOSE_OK = new CallbackResult("closeSocket:ok");

    /** {@code <api>:ok}, e.g. {@code sendSocketMessage:ok} (one shared instance for Taro's three). */
    public static CallbackResult ok(String api) {
        switch (api) {
            case "sendSocketMessage":
                return SEND_OK;
            case "connectSocket":
                return CONNECT_OK;
            case "closeSocket":
                return CLOSE_OK;
            default:
                return new CallbackResult(api + ":ok");
        }
    }

    /** {@code <api>:fail <detail>}, e.g. {@code sendSocketMessage:fail WebSocket is not connected}. */
    public static CallbackResult fail(String api, String detail) {
        return new CallbackResult(api + ":fail " + detail);
    }

    /** Whether the call succeeded, i.e. the errMsg ends with {@code :ok}. */
    public boolean isOk() {
        return errMsg.endsWith(":ok");
    }
}
