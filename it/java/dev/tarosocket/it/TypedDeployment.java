package dev.tarosocket.it;

import dev.tarosocket.it.app.Target;
import dev.tarosocket.it.typed.Quote;
import dev.tarosocket.it.typed.RelayConfigSource;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The deployment of {@link TypedSocketIT}: the library jar, the server's endpoints, and an application
 * that only configures a socket (an application MicroProfile Config source) and injects it, with a
 * typed observer. Same name as the main suite's (taro-it.war), so the same context path everywhere.
 */
final class TypedDeployment {

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private TypedDeployment() {
    }

    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "taro-it.war")
                .addPackage(Target.class.getPackage())
                .addPackage(Quote.class.getPackage())
                .addAsServiceProvider(ConfigSource.class, RelayConfigSource.class)
                .addAsLibrary(library())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("target=" + Target.name() + "\n"), Target.RESOURCE);
    }

    private static JavaArchive library() {
        String path = System.getProperty("taro.it.library");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("no library jar at taro.it.library=" + path + ": run the suite with mvn verify");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(path));
    }
}
