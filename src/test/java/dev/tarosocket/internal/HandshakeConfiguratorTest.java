package dev.tarosocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.HandshakeResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The library's own check of {@code Sec-WebSocket-Accept}, for containers that skip it (Tomcat's
 * client). FaultMatrixTest proves it end to end against a server that answers with a wrong accept.
 */
class HandshakeConfiguratorTest {

    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";      // RFC 6455, section 1.3
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @Test
    void theExpectedAcceptIsTheOneRfc6455Derives() {
        assertThat(HandshakeConfigurator.expectedAccept(RFC_KEY)).isEqualTo(RFC_ACCEPT);
    }

    @Test
    void aMatchingAcceptPassesWhateverTheCaseOfItsHeaderName() {
        HandshakeConfigurator configurator = sent(RFC_KEY);
        configurator.afterResponse(response(Map.of("sec-websocket-accept", List.of(RFC_ACCEPT), "X-Other", List.of("1"))));
        assertThat(configurator.responseHeaders()).containsEntry("X-OTHER", List.of("1"));
    }

    @Test
    void aWrongOrMissingAcceptFailsTheHandshake() {
        assertThatThrownBy(() -> sent(RFC_KEY).afterResponse(response(Map.of("Sec-WebSocket-Accept", List.of("bogus")))))
                .hasMessage("the server's Sec-WebSocket-Accept does not match the request's key");
        assertThatThrownBy(() -> sent(RFC_KEY).afterResponse(response(Map.of())))
                .hasMessage("the server's 101 response has no Sec-WebSocket-Accept header");
    }

    @Test
    void whenTheContainerHidesTheKeyNothingIsChecked() {
        HandshakeConfigurator configurator = new HandshakeConfigurator(Map.of());
        configurator.beforeRequest(new HashMap<>());
        configurator.afterResponse(response(Map.of()));
        assertThat(configurator.responseHeaders()).isEmpty();
    }

    private static HandshakeConfigurator sent(String key) {
        HandshakeConfigurator configurator = new HandshakeConfigurator(Map.of());
        Map<String, List<String>> request = new HashMap<>();
        request.put("Sec-WebSocket-Key", List.of(key));
        configurator.beforeRequest(request);
        return configurator;
    }

    private static HandshakeResponse response(Map<String, List<String>> headers) {
        return () -> headers;
    }
}
