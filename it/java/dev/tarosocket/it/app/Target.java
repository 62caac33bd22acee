package dev.tarosocket.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.Properties;

/**
 * Which target the suite runs on ({@code weld}, {@code payara}, {@code wildfly}, {@code liberty},
 * {@code glassfish}), client side and in
 * the container. Failsafe sets {@code arquillian.launch} in the client JVM; the deployment carries
 * the same name in {@value #RESOURCE}, because the servers' JVMs do not have that property.
 */
public final class Target {

    public static final String RESOURCE = "taro-it-target.properties";

    private Target() {
    }

    public static String name() {
        String launched = System.getProperty("arquillian.launch");
        if (launched != null && !launched.isBlank()) {
            return launched;
        }
        try (InputStream in = Target.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("target", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isWeld() {
        return "weld".equals(name());
    }

    public static boolean isWildFly() {
        return "wildfly".equals(name());
    }

    public static boolean isLiberty() {
        return "liberty".equals(name());
    }

    public static boolean isGlassFish() {
        return "glassfish".equals(name());
    }

    /**
     * {@code http://host:port/ctx/} and {@code "echo?id=1"} to {@code ws://127.0.0.1:port/ctx/echo?id=1}.
     * Only the port and context path of the deployment URL are used: Payara Micro reports
     * {@code localhost}, which may resolve to ::1, and we bind and talk to 127.0.0.1 only.
     */
    public static String ws(URL deployment, String path) {
        String context = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        return URI.create("ws://127.0.0.1:" + deployment.getPort() + context + path).toString();
    }

    /** One line in the test output (the server log on Payara, WildFly, Liberty and GlassFish), grep-able by its prefix. */
    public static void report(String line) {
        System.out.println("[taro-it][" + name() + "] " + line);
    }
}
