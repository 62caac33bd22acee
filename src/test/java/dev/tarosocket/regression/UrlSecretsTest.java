package dev.tarosocket.regression;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static dev.tarosocket.SocketExceptions.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The INVALID_URL errMsg never echoes the URL's query (a token), whatever is wrong with the URL. */
class UrlSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/p?token=s3cr3t-t0ken",
        "ws://127.0.0.1/p?token=s3cr3t-t0ken#part",
        "ws://127.0.0.1/a b?token=s3cr3t-t0ken",
        "ws:///p?token=s3cr3t-t0ken"})
    void anInvalidUrlErrMsgNeverShowsTheQuery(String url) {
        try (SocketManager manager = SocketManager.builder().build()) {
            SocketException e = failure(manager.connectSocket(url));
            assertThat(e.code()).isEqualTo(SocketErrorCode.INVALID_URL);
            assertThat(e.errMsg()).as("errMsg").doesNotContain("s3cr3t").doesNotContain("token=");
            assertThat(e.getMessage()).as("exception message").doesNotContain("s3cr3t");
        }
    }
}
