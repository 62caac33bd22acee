package dev.tarosocket.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A second Open Liberty server of the suite's runtime (server {@value #NAME}, same configuration as
 * taro-it, on 127.0.0.1:{@value #HTTP_PORT}/{@value #HTTPS_PORT}), started and stopped with
 * {@code bin/server} as an administrator does: the graceful stop the adapter's own server cannot
 * be put through while the suite still needs it. The application goes into dropins before the start.
 */
final class SecondLibertyServer implements AutoCloseable {

    static final String NAME = "taro-stop";
    static final int HTTP_PORT = 8381;
    static final int HTTPS_PORT = 8744;
    private static final long COMMAND_SECONDS = 180;

    private final Path wlp = Path.of(System.getProperty("liberty.wlpHome"));
    private final Path usr = Path.of(System.getProperty("liberty.usrDir"));
    private final Path server = usr.resolve("servers").resolve(NAME);
    private boolean running;

    /** Creates the server directory afresh from taro-it's configuration, with {@code application} in dropins. */
    SecondLibertyServer(WebArchive application) throws IOException {
        Path template = usr.resolve("servers").resolve("taro-it");
        deleteTree(server.resolve("dropins"));
        deleteTree(server.resolve("logs"));
        Files.createDirectories(server.resolve("dropins"));
        for (String file : new String[] {"server.xml", "jvm.options"}) {
            Files.copy(template.resolve(file), server.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(server.resolve("bootstrap.properties"),
                "taro.http.port=" + HTTP_PORT + "\ntaro.https.port=" + HTTPS_PORT + "\n", StandardCharsets.UTF_8);
        application.as(ZipExporter.class).exportTo(server.resolve("dropins").resolve(application.getName()).toFile(), true);
    }

    /** {@code bin/server start}: returns once the server reports it started. */
    void start() throws Exception {
        run("start");
        running = true;
    }

    /** {@code bin/server stop}: the graceful stop; returns once the server process has ended. */
    void stop() throws Exception {
        running = false;
        run("stop");
    }

    Path messagesLog() {
        return server.resolve("logs").resolve("messages.log");
    }

    private void run(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin").resolve("server").toString(), command, NAME)
                .redirectErrorStream(true);
        pb.environment().put("WLP_USER_DIR", usr.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("server " + command + " " + NAME + " failed: " + out);
        }
        ServerLife.report("server " + command + " " + NAME + ": " + out.strip().replace('\n', ' '));
    }

    @Override
    public void close() throws Exception {
        if (running) {
            stop();
        }
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
