package dev.tarosocket.it;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.it.app.ServerLog;
import dev.tarosocket.it.app.Target;
import dev.tarosocket.it.typed.Quote;
import dev.tarosocket.it.typed.QuoteObserver;
import dev.tarosocket.it.typed.Relay;
import dev.tarosocket.it.typed.RelayConfigSource;
import dev.tarosocket.it.typed.TypedClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import java.net.URL;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A deployment that only configures a socket and injects it: on every target (Weld SE with Tyrus,
 * Payara Micro, WildFly, GlassFish) it exchanges a typed JSON message with the server's own {@code /echo} and
 * ends with 1001 when the application's manager ends.
 */
@ExtendWith(ArquillianExtension.class)
class TypedSocketIT {

    private static final long WAIT_SECONDS = 20;

    @Deployment
    static WebArchive deployment() {
        return TypedDeployment.application();
    }

    @ArquillianResource
    URL deployment;

    @Inject
    TypedClient client;

    @Inject
    QuoteObserver quotes;

    @Inject
    BeanManager beans;

    @Test
    void anInjectedConfiguredSocketExchangesTypedJsonWithTheServerAndClosesWith1001AtTheEnd() throws Exception {
        assertNotNull(client, "not running inside the deployment (nothing injected) on " + Target.name());
        try (Relay relay = Relay.get()) {
            relay.upstream(deployment.getPort());
            SocketTask socket = client.socket();
            assertEquals(Optional.of(RelayConfigSource.SOCKET), socket.name());

            CallbackResult sent = socket.sendJson(new Quote("TARO", 4200)).toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("sendSocketMessage:ok", sent.errMsg());
            assertEquals(new Quote("TARO", 4200), quotes.next(WAIT_SECONDS), "the typed observer's quote");

            Bean<?> manager = beans.resolve(beans.getBeans(SocketManager.class));
            ((AlterableContext) beans.getContext(ApplicationScoped.class)).destroy(manager);
            CloseReason seen = ServerLog.closeOf(RelayConfigSource.ID).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(1001, seen.getCloseCode().getCode(), "close code the server saw");
            assertEquals(1001, socket.whenClosed().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).code());
            Target.report("injected socket: typed JSON echoed, closed with 1001 at the manager's end");
        }
    }
}
