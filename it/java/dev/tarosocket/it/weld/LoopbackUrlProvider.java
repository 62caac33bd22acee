package dev.tarosocket.it.weld;

import dev.tarosocket.testing.LoopbackTyrusContainer;

import dev.tarosocket.it.app.ByeEndpoint;
import dev.tarosocket.it.app.EchoEndpoint;
import dev.tarosocket.it.app.RecordEndpoint;
import dev.tarosocket.it.app.RejectEndpoint;
import dev.tarosocket.it.app.SlowEndpoint;

import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Set;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * {@code @ArquillianResource URL} on the Weld target (Weld SE has no web container): the base URL of
 * the test kit's {@link LoopbackTyrusContainer} serving the deployment's endpoints on 127.0.0.1, started on first use (an ephemeral port of 127.0.0.1) and
 * stopped when the JVM exits.
 */
public class LoopbackUrlProvider implements ResourceProvider {

    static final String CONTEXT = "/taro-it";
    static final Set<Class<?>> ENDPOINTS = Set.of(EchoEndpoint.class, ByeEndpoint.class, RecordEndpoint.class,
            SlowEndpoint.class, RejectEndpoint.class);

    private static URL url; // guarded by LoopbackUrlProvider.class; null until the server started

    @Override
    public boolean canProvide(Class<?> type) {
        return URL.class.isAssignableFrom(type);
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        return start();
    }

    /** The loopback server's base URL, starting it on first use. */
    public static synchronized URL start() {
        if (url == null) {
            LoopbackTyrusContainer server = new LoopbackTyrusContainer("taro-it-loopback", ENDPOINTS);
            try {
                server.start(CONTEXT, 0);
                url = new URL("http://127.0.0.1:" + server.boundPort() + CONTEXT + "/");
            } catch (MalformedURLException | RuntimeException e) {
                server.stop();
                throw new IllegalStateException("cannot start the loopback WebSocket server", e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the loopback WebSocket server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "taro-it-loopback-stop"));
        }
        return url;
    }
}
