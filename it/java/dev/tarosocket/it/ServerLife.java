package dev.tarosocket.it;

import dev.tarosocket.it.app.ThreadProbe;
import dev.tarosocket.it.callers.CallerServlet;
import dev.tarosocket.it.callers.Users;
import dev.tarosocket.it.life.ControlServlet;
import dev.tarosocket.it.life.LifeReadiness;
import dev.tarosocket.it.life.Visitor;
import dev.tarosocket.it.peer.PeerEndpoint;
import dev.tarosocket.it.peer.SilentServer;
import dev.tarosocket.testing.LoopbackTyrusContainer;
import dev.tarosocket.testing.TestCertificates;
import dev.tarosocket.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The client side of {@link ServerLifeIT}: the peer (a loopback Tyrus server in the test JVM, started
 * when the archives are built, so that their configuration can name its port), the archives, and how
 * the test reaches the server (HTTP, the health endpoint, WildFly's CLI, GlassFish's asadmin, their logs).
 */
final class ServerLife {

    static final String LIFE_MODULE = "taro-life";
    static final String PEER_ID = "configured-peer";
    static final String VISITOR_ID = "visitor-open";
    static final String SUSPEND_ID = "suspend";
    static final String STOP_ID = "stop";
    /**
     * The visitor's connect timeout: long, so that its CONNECTING socket is still connecting when it is
     * undeployed. 30 s on GlassFish, where Tyrus releases that socket's connection only then.
     */
    static final long VISITOR_CONNECT_SECONDS = isGlassFish() ? 30 : 120;
    /**
     * The live-socket count in the readiness data: the check reports a number, which WildFly and
     * Liberty print as one; Payara Micro 6 prints every data value of a health check as a JSON string.
     */
    static final String SOCKETS_COUNT = isWildFly() || isLiberty() ? "\"sockets\":\\d+[,}]" : "\"sockets\":\"\\d+\"";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final long CLI_SECONDS = 120;
    private static final Pattern LIBERTY_ERROR = Pattern.compile("^\\[[^\\]]+\\] \\S+ \\S+\\s+E ");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private static LoopbackTyrusContainer peer; // guarded by the class; started on first use
    private static SilentServer silent;         // guarded by the class
    private static TestServer tls;              // guarded by the class
    private static Path tlsStore;               // guarded by the class

    private ServerLife() {
    }

    static synchronized String peerUrl(String id) {
        if (peer == null) {
            peer = new LoopbackTyrusContainer("taro-it-peer", Set.of(PeerEndpoint.class));
            try {
                peer.start("/p", 0);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the peer", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(peer::stop, "taro-it-peer-stop"));
        }
        return "ws://127.0.0.1:" + peer.boundPort() + "/p/peer?id=" + id;
    }

    /**
     * A wss echo server in this JVM on 127.0.0.1 whose certificate names 127.0.0.1 only, and the
     * PKCS12 trust store (password changeit) that trusts it: "store=&lt;file&gt;&url=wss://..." for
     * {@code op=tls}, reaching it as {@code host}.
     */
    static synchronized String tlsQuery(String host) throws IOException {
        if (tls == null) {
            tls = TestServer.startTls(TestCertificates.server());
            tlsStore = TestCertificates.trustStore(Files.createTempFile("taro-it-trust", ".p12"));
            Runtime.getRuntime().addShutdownHook(new Thread(tls::close, "taro-it-tls-stop"));
        }
        return "store=" + tlsStore + "&url=" + tls.uri("/echo").toString().replace("127.0.0.1", host);
    }

    static synchronized SilentServer silent() {
        if (silent == null) {
            try {
                silent = new SilentServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return silent;
    }

    /**
     * The application under test, with the two-callers servlet behind Jakarta Security (an identity
     * store of its own). WildFly uses such a store only with integrated-jaspi="false" on its
     * application security domain, which the build sets in the unpacked server (see the pom).
     * GlassFish 7 has no MicroProfile Health: there the archive has no readiness check.
     */
    static WebArchive life() {
        WebArchive war = archive(LIFE_MODULE + ".war", """
                taro.socket.max-sockets=20
                taro.socket.peer.url=%s
                """.formatted(peerUrl(PEER_ID)), ControlServlet.class, ThreadProbe.class, CallerServlet.class, Users.class);
        return isGlassFish() ? war : war.addClasses(LifeReadiness.class);
    }

    static WebArchive visitor() {
        return visitor(VISITOR_ID, silent().port());
    }

    /** The visitor: its socket "open" connects to the peer as {@code openId}, "connecting" to {@code silentPort}. */
    static WebArchive visitor(String openId, int silentPort) {
        return archive("taro-visitor.war", """
                taro.socket.connect-timeout=%ds
                taro.socket.open.url=%s
                taro.socket.connecting.url=ws://127.0.0.1:%d/never
                """.formatted(VISITOR_CONNECT_SECONDS, peerUrl(openId), silentPort), Visitor.class);
    }

    /** GET as {@code user} with basic authentication (password: the name followed by "-pw"). */
    static String getAs(String user, URL deployment, String path, String query) throws Exception {
        int url = query.indexOf("url=");
        String q = url < 0 ? query : query.substring(0, url + 4) + URLEncoder.encode(query.substring(url + 4), StandardCharsets.UTF_8);
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deployment.getPort()
                        + path + "?" + q)).header("Authorization", "Basic " + basic).timeout(HTTP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static WebArchive archive(String name, String config, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(classes)
                .addAsLibrary(Deployments.library())
                .addAsWebInfResource(new StringAsset(Deployments.BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(config.isEmpty() ? "# none\n" : config), "META-INF/microprofile-config.properties");
    }

    static void report(String line) {
        System.out.println("[taro-it][" + System.getProperty("arquillian.launch") + "] " + line);
    }

    static boolean isWildFly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }

    static boolean isLiberty() {
        return "liberty".equals(System.getProperty("arquillian.launch"));
    }

    static boolean isGlassFish() {
        return "glassfish".equals(System.getProperty("arquillian.launch"));
    }

    /** The body of {@code /health/ready}: on WildFly's management interface, on Payara's and Liberty's HTTP port. */
    static String ready(URL deployment) throws Exception {
        String base = isWildFly() ? "http://127.0.0.1:" + System.getProperty("wildfly.managementPort")
                : "http://127.0.0.1:" + deployment.getPort();
        return get(base + "/health/ready").replace(" ", ""); // servers differ in JSON spacing
    }

    static String control(URL deployment, String query) throws Exception {
        int url = query.indexOf("url=");
        String q = url < 0 ? query : query.substring(0, url + 4) + URLEncoder.encode(query.substring(url + 4), StandardCharsets.UTF_8);
        return get("http://127.0.0.1:" + deployment.getPort() + deployment.getPath() + "control?" + q);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    /** Waits (long: a server may be starting) until {@code query} answers {@code expected}; errors count as not yet. */
    static void awaitAnswer(URL deployment, String query, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(CLI_SECONDS)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> expected.equals(control(deployment, query)));
    }

    /** WildFly's management CLI, connecting locally (no credentials: the same user as the server). */
    static void cli(String command) throws Exception {
        cli(command, "success");
    }

    /** The CLI, accepting an output that contains {@code success} or {@code alsoFine}. */
    static void cli(String command, String alsoFine) throws Exception {
        cli(Integer.parseInt(System.getProperty("wildfly.managementPort")), command, alsoFine);
    }

    /** The CLI of the WildFly whose management interface is on 127.0.0.1:{@code managementPort}. */
    static void cli(int managementPort, String command) throws Exception {
        cli(managementPort, command, "success");
    }

    private static void cli(int managementPort, String command, String alsoFine) throws Exception {
        Path home = Path.of(System.getProperty("jboss.home"));
        Process p = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + managementPort, "--command=" + command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(CLI_SECONDS, TimeUnit.SECONDS) || !(out.contains("success") || out.contains(alsoFine))) {
            p.destroyForcibly();
            throw new IllegalStateException("jboss-cli " + command + " failed: " + out);
        }
    }

    /**
     * GlassFish's asadmin, run locally as the server's user (no credentials: the domain has no admin
     * password). Its output goes to a file: a server that asadmin starts must not hold a pipe of this JVM.
     */
    static void asadmin(String... command) throws Exception {
        Path home = Path.of(System.getProperty("glassfish.home"));
        List<String> line = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
        line.addAll(List.of(command));
        Path out = Files.createTempFile("taro-it-asadmin", ".txt");
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(CLI_SECONDS, TimeUnit.SECONDS);
            if (!ended || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed: " + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path serverLog() {
        if (isLiberty()) {
            return Path.of(System.getProperty("liberty.usrDir"), "servers", "taro-it", "logs", "messages.log");
        }
        if (isGlassFish()) {
            return Path.of(System.getProperty("glassfish.home"), "glassfish", "domains", "domain1", "logs", "server.log");
        }
        return isWildFly() ? Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log") : null;
    }

    /** Where WildFly's or GlassFish's server.log or Liberty's messages.log ends now (0 on Payara Micro, which logs to the test's output). */
    static long serverLogLength() throws IOException {
        Path log = serverLog();
        return log != null && Files.exists(log) ? Files.size(log) : 0;
    }

    /** ERROR lines of a Liberty server's messages.log. */
    static List<String> errorsIn(Path messagesLog) throws IOException {
        return Files.readAllLines(messagesLog, StandardCharsets.UTF_8).stream()
                .filter(l -> LIBERTY_ERROR.matcher(l).find()).toList();
    }

    static List<String> serverLogErrorsSince(long offset) throws IOException {
        Path log = serverLog();
        if (log == null) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(log);
        int from = offset > all.length ? 0 : (int) offset; // a shorter log was rotated: read it all
        String tail = new String(all, from, all.length - from, StandardCharsets.UTF_8);
        if (isGlassFish()) {
            // a record per "[time] [GF 7...] [LEVEL] ... [[ message ]]". GlassFish prints "No valid EE environment
            // for injection of <class>" to stderr (logged SEVERE) for each bean it makes while an application
            // starts, outside any component: the server's noise, not an error
            if (!tail.contains("[GF 7")) { // GlassFish's log handler sometimes never starts (docs/deployment.md)
                report("server.log has no record of the server since the test began: nothing to check for SEVERE");
            }
            return Arrays.stream(tail.split("\n(?=\\[\\d{4}-)")).filter(r -> r.contains("[SEVERE]"))
                    .filter(r -> !r.contains("No valid EE environment for injection of")).toList();
        }
        // WildFly: "... ERROR [category] ..."; Liberty: "[time] thread logger  E CWWK...E: ..."
        return tail.lines().filter(l -> l.contains(" ERROR ") || LIBERTY_ERROR.matcher(l).find()).toList();
    }
}
