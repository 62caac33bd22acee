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

    /** {@code <api>:ok}, e.g. {@code sendSocketMessage:ok}. */
    public static CallbackResult ok(String api) {
        return new CallbackResult(api + ":ok");
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
