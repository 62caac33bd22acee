package dev.tarosocket.internal;

import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.testing.ClientContainers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletionException;

import static dev.tarosocket.internal.HandshakeAbortReleasesTheConnectionTest.loopback;
import static dev.tarosocket.internal.HandshakeAbortReleasesTheConnectionTest.readRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A URL's percent-escapes reach the server byte for byte, whichever container sends them. */
@Timeout(60)
class UrlsReachTheWireAsGivenTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientContainers.class)
    void pathAndQueryEscapesArriveByteExact(ClientContainers kind) throws Exception {
        try (ClientContainers.Handle made = kind.open(); ServerSocket server = loopback();
             SocketManager manager = SocketManager.builder().container(made.container()).build()) {
            String url = "ws://127.0.0.1:" + server.getLocalPort() + "/a%20b%2Fc?token=x%2By%3D";
            manager.connectSocket(url).toCompletableFuture().join();
            try (Socket peer = server.accept()) {
                String requestLine = readRequest(peer).split("\r\n")[0];
                assertThat(requestLine).as(kind.name()).isEqualTo("GET /a%20b%2Fc?token=x%2By%3D HTTP/1.1");
            }
        }
    }

    @Test
    void theParsedUriKeepsTheGivenFormAndOnlyTheSchemeCaseChanges() {
        String[] why = new String[1];
        URI uri = Validation.parseSocketUrl("WS://h:1/a%20b%2Fc?token=x%2By%3D&n=%E4%BD%A0", why);
        assertThat(uri.toString()).isEqualTo("ws://h:1/a%20b%2Fc?token=x%2By%3D&n=%E4%BD%A0");
        assertThat(Validation.parseSocketUrl(" wss://h/p?q=%25 ", why).toString()).isEqualTo("wss://h/p?q=%25");
    }

    @Test
    void anInvalidUrlsErrMsgShowsNoQuery() {
        try (SocketManager manager = SocketManager.builder().build()) {
            for (String url : new String[] {"http://h/path?token=secret", "ws://h/a b?token=secret",
                    "ws:///p?token=secret", "ws://h/p?token=secret#f"}) {
                Throwable t = catchThrowable(() -> manager.connectSocket(url).toCompletableFuture().join());
                SocketException e = (SocketException) (t instanceof CompletionException ? t.getCause() : t);
                assertThat(e.errMsg()).as(url).startsWith("connectSocket:fail request:fail invalid url")
                        .doesNotContain("secret");
            }
        }
    }
}
