package dev.tarosocket.isolation;

import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves in the one Maven run that the library deploys on Weld SE and works when the application's
 * class path has no MicroProfile Config, MicroProfile Health, Micrometer or JSON-B (a named socket is
 * injected, and JSON is refused by the call that asks for it): the test class path
 * minus those jars becomes an isolated class loader (parent: the platform loader) in which
 * {@link IsolatedProbe} runs.
 */
class WithoutOptionalLibrariesTest {

    /** Jars left out: the optional integrations and the MicroProfile Config implementation. */
    static final List<String> ABSENT = List.of("microprofile-health", "microprofile-config", "smallrye-config",
            "micrometer-", "jakarta.json.bind-api", "yasson", "parsson", "jakarta.json-api",
            // not optional integrations, but test machinery of the integration suite: Arquillian's
            // CDI extension would need the CDI 4.1 API that only the Weld IT execution swaps in
            "arquillian", "shrinkwrap");

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty("taro.socket.iso.url");
    }

    @Test
    void libraryDeploysOnWeldAndConnectsFromSystemPropertiesWithoutAnyOptionalLibrary() throws Exception {
        System.setProperty("taro.socket.iso.url", server.uri("/echo").toString());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader("isolated", classPathWithout(ABSENT), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(isolated);
            @SuppressWarnings("unchecked")
            Function<String, List<String>> probe = (Function<String, List<String>>) isolated
                    .loadClass(IsolatedProbe.class.getName()).getConstructor().newInstance();
            List<String> facts = probe.apply("iso");
            assertThat(facts).containsExactly(
                    "visible.org.eclipse.microprofile.health.HealthCheck=false",
                    "visible.io.micrometer.core.instrument.MeterRegistry=false",
                    "visible.org.eclipse.microprofile.config.ConfigProvider=false",
                    "visible.jakarta.json.bind.Jsonb=false",
                    "auto.is.system=true",
                    "defaults=5",
                    "echo=ping",
                    "injected.echo=injected ping",
                    "json=JSON-B (jakarta.json.bind) is not on the class path",
                    "sendJson=INVALID_ARGUMENT sendSocketMessage:fail parameter error: cannot send "
                            + "java.util.ImmutableCollections$List12 as JSON: JSON-B (jakarta.json.bind) is not on the class path",
                    "health.beans=0",
                    "typed.observer=refused");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static URL[] classPathWithout(List<String> absent) throws MalformedURLException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!entry.isEmpty() && absent.stream().noneMatch(name::startsWith)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(urls).as("test class path").hasSizeGreaterThan(5);
        assertThat(Arrays.toString(urls.toArray())).contains("classes");
        return urls.toArray(URL[]::new);
    }
}
