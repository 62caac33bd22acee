package dev.tarosocket.it;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.it.weld.LoopbackUrlProvider;

import jakarta.inject.Inject;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weld SE: the first call on the manager from a plain thread whose context class loader is not the
 * application's changes nothing: the named socket of the application's
 * {@code META-INF/microprofile-config.properties} is configured and connects. (On Payara and
 * WildFly the same is proven from outside, with the health endpoint first, on GlassFish after a start
 * from a thread without the application's context: {@link ServerLifeIT}.)
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "weld",
        disabledReason = "Weld SE only: on the servers ServerLifeIT makes the first call from outside the application")
class WeldFirstCallIT {

    private static final long WAIT_SECONDS = 20;

    @Deployment
    static WebArchive deployment() {
        URL loopback = LoopbackUrlProvider.start();
        String echo = "ws://127.0.0.1:" + loopback.getPort() + loopback.getPath() + "echo";
        return Deployments.application()
                .addAsResource(new StringAsset("taro.socket.fromconfig.url=" + echo + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    SocketManager sockets;

    @Test
    void aFirstCallFromAPlainThreadWithAnotherClassLoaderStillSeesTheApplicationsConfiguration() throws Exception {
        CompletableFuture<Set<String>> names = new CompletableFuture<>();
        CompletableFuture<SocketTask> connected = new CompletableFuture<>();
        Thread stranger = new Thread(() -> {
            try {
                names.complete(sockets.configuredSocketNames());
                connected.complete(sockets.connectSocket(ConnectSocketOption.builder().name("fromconfig").build())
                        .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (Exception | Error e) {
                names.completeExceptionally(e);
                connected.completeExceptionally(e);
            }
        }, "not-the-application");
        try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
            stranger.setContextClassLoader(other);
            stranger.start();
            assertThat(names.get(WAIT_SECONDS, TimeUnit.SECONDS)).contains("fromconfig");
            SocketTask task = connected.get(WAIT_SECONDS, TimeUnit.SECONDS);
            task.whenOpen().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            task.close().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
