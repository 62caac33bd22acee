package dev.tarosocket.it.weld;

import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * The Weld target's stand-in for a web container: {@code @ArquillianResource URL} resolves to a
 * loopback Tyrus server serving the deployment's endpoints. Registered through META-INF/services for
 * every failsafe execution (one test class path), it acts only when {@code arquillian.launch=weld};
 * on Payara and WildFly the container's own URL provider must answer.
 */
public class WeldLoopbackExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("weld".equals(System.getProperty("arquillian.launch"))) {
            builder.override(ResourceProvider.class, URLResourceProvider.class, LoopbackUrlProvider.class);
        }
    }
}
