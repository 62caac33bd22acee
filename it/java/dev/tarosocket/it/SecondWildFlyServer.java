package dev.tarosocket.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A second WildFly of the suite's distribution, with a server base directory of its own (the suite's
 * configuration copied, every port shifted by {@value #PORT_OFFSET}: HTTP 8680, management
 * {@value #MANAGEMENT_PORT}, all on 127.0.0.1), started with {@code bin/standalone.sh} and stopped as
 * an operator stops it: SIGTERM to the server's JVM (what a service manager or {@code docker stop}
 * sends) or the management operation {@code :shutdown}. Arquillian's own server cannot be put
 * through either while the suite still needs it. The application goes into {@code deployments/}
 * before the start, so the deployment scanner deploys it during the boot.
 */
final class SecondWildFlyServer implements AutoCloseable {

    static final int PORT_OFFSET = 600;
    static final int MANAGEMENT_PORT = 9990 + PORT_OFFSET;
    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration STOP = Duration.ofSeconds(120);

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private final String application;
    private Process script;

    /** A fresh base directory beside the distribution, from its configuration, with {@code application} to deploy. */
    SecondWildFlyServer(WebArchive application) throws IOException {
        this.base = home.getParent().resolve("wildfly-second-base");
        this.application = application.getName();
        deleteTree(base);
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (var files = Files.list(home.resolve("standalone").resolve("configuration"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, configuration.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // without the deployments the running suite's server recorded there: their content is in its base only
        Path xml = configuration.resolve("standalone-microprofile.xml");
        Files.writeString(xml, Files.readString(xml, StandardCharsets.UTF_8)
                .replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""), StandardCharsets.UTF_8);
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        application.as(ZipExporter.class).exportTo(deployments.resolve(this.application).toFile(), true);
    }

    /** Boots the server; returns once the application is deployed, fails if its deployment failed. */
    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-microprofile.xml", "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(base.resolve("console.txt").toFile());
        pb.environment().put("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.net.preferIPv4Stack=true");
        pb.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        script = pb.start();
        Path deployed = base.resolve("deployments").resolve(application + ".deployed");
        Path failed = base.resolve("deployments").resolve(application + ".failed");
        Awaitility.await("WildFly boots and deploys " + application).atMost(BOOT).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(deployed) || Files.exists(failed) || !script.isAlive());
        if (!Files.exists(deployed)) {
            throw new IllegalStateException("the second WildFly did not deploy " + application + ": " + tail(console()));
        }
        ServerLife.report("second WildFly started with " + application + " deployed");
    }

    /** SIGTERM to the server's JVM, as a service manager sends it; returns once the server has ended. */
    void terminate() {
        ProcessHandle jvm = serverJvm().orElseThrow(() -> new IllegalStateException("no WildFly JVM under the script"));
        jvm.destroy(); // SIGTERM on Unix
        awaitEnd();
        ServerLife.report("second WildFly ended after SIGTERM");
    }

    /** The management operation {@code :shutdown} (which suspends the server first); returns once it has ended. */
    void shutdown() throws Exception {
        ServerLife.cli(MANAGEMENT_PORT, ":shutdown");
        awaitEnd();
        ServerLife.report("second WildFly ended after :shutdown");
    }

    Path serverLog() {
        return base.resolve("log").resolve("server.log");
    }

    /** WildFly's ERROR lines in the server's log. */
    List<String> errors() throws IOException {
        return Files.readAllLines(serverLog(), StandardCharsets.UTF_8).stream().filter(l -> l.contains(" ERROR ")).toList();
    }

    private Optional<ProcessHandle> serverJvm() {
        return script.toHandle().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .findFirst();
    }

    private void awaitEnd() {
        try {
            if (!script.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the second WildFly did not end within " + STOP.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the second WildFly to end", e);
        }
    }

    private String console() throws IOException {
        Path c = base.resolve("console.txt");
        return Files.exists(c) ? Files.readString(c, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** Kills what is left (a failed test): the server must not outlive the suite. */
    @Override
    public void close() {
        if (script == null || !script.isAlive()) {
            return;
        }
        serverJvm().ifPresent(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
