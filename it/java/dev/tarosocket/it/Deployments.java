package dev.tarosocket.it;

import dev.tarosocket.it.app.Target;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test application, built on the client side: the library as users deploy it (the packaged jar
 * in WEB-INF/lib, with its own META-INF/beans.xml), the server endpoints and the observers.
 */
final class Deployments {

    /** Set by failsafe: target/taro-socket-VERSION.jar, packaged before the integration tests run. */
    static final String LIBRARY_PROPERTY = "taro.it.library";

    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private Deployments() {
    }

    static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, "taro-it.war")
                .addPackage(Target.class.getPackage())
                .addAsLibrary(library())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset("target=" + Target.name() + "\n"), Target.RESOURCE);
    }

    static JavaArchive library() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        if (path == null) {
            throw new IllegalStateException(LIBRARY_PROPERTY + " is not set: run the suite with mvn verify");
        }
        File jar = new File(path);
        if (!jar.isFile()) {
            throw new IllegalStateException("no library jar at " + jar + ": run the suite with mvn verify");
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
    }
}
