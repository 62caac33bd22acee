package dev.tarosocket.it.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/** Refuses every handshake: the origin check fails, so the server answers 403 instead of 101. */
@ServerEndpoint(value = "/reject", configurator = RejectEndpoint.Refuse.class)
public class RejectEndpoint {

    @OnMessage
    public String text(String text) {
        return text;
    }

    public static class Refuse extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return false;
        }
    }
}
