package dev.tarosocket.it;

import dev.tarosocket.it.app.ThreadProbe;
import dev.tarosocket.it.life.ControlServlet;
import dev.tarosocket.it.life.Visitor;
import dev.tarosocket.it.peer.PeerEndpoint;
import dev.tarosocket.it.peer.SilentServer;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The application's life on a real server, driven from outside as the server drives it: the first
 * call on the manager comes from the health endpoint, readiness follows a configured socket, a
 * second application is undeployed with sockets open and connecting, WildFly is suspended and
 * resumed, a second WildFly is stopped by SIGTERM and by {@code :shutdown}, a second Liberty server is stopped, GlassFish is stopped and started (it has no health
 * endpoint: there the first call after its start comes from a plain thread). The peer is a WebSocket
 * server in the test JVM on 127.0.0.1 ({@link ServerLife}). Servers only: Weld SE has no HTTP, no
 * health endpoint and no undeploy. On Payara Micro, Arquillian runs each deployment in a Micro
 * instance of its own: there "undeploy" is the stop of the visitor's instance.
 */
@ExtendWith(ArquillianExtension.class)
@DisabledIfSystemProperty(named = "arquillian.launch", matches = "weld")
@RunAsClient
class ServerLifeIT {

    private static final long WAIT_SECONDS = 30;
    /** Liberty's handshake read timeout (60 s), which alone ends a handshake in progress, and a margin. */
    private static final long LIBERTY_HANDSHAKE_SECONDS = 90;

    @Deployment(name = "life", testable = false)
    static WebArchive life() {
        return ServerLife.life();
    }

    @Deployment(name = "visitor", managed = false, testable = false)
    static WebArchive visitor() {
        return ServerLife.visitor();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aSocketMadeByOneCallerNeverRunsCallbacksUnderAnotherCallersIdentity(
            @ArquillianResource @OperateOnDeployment("life") URL life) throws Exception {
        {
            String path = "/" + ServerLife.LIFE_MODULE + "/callers";
            assertThat(ServerLife.getAs("alice", life, path, "op=connect&key=a&url=" + ServerLife.peerUrl("caller-a")))
                    .isEqualTo("200 alice connected");
            assertThat(ServerLife.getAs("bob", life, path, "op=connect&key=b&url=" + ServerLife.peerUrl("caller-b")))
                    .isEqualTo("200 bob connected");
            PeerEndpoint.send("caller-a", "to alice's socket");
            PeerEndpoint.send("caller-b", "to bob's socket");
            ServerLife.await(() -> ServerLife.getAs("alice", life, path, "op=report&key=a").contains("message:")
                    && ServerLife.getAs("bob", life, path, "op=report&key=b").contains("message:"));
            String alices = ServerLife.getAs("alice", life, path, "op=report&key=a");
            String bobs = ServerLife.getAs("bob", life, path, "op=report&key=b");
            // the rule: callbacks run with the application's context and no caller identity at all
            assertThat(alices).as("callers of alice's socket's callbacks").doesNotContain("bob").doesNotContain(":alice");
            assertThat(bobs).as("callers of bob's socket's callbacks").doesNotContain("alice").doesNotContain(":bob");
            ServerLife.report("two callers: alice's socket's callbacks ran as " + alices + "; bob's as " + bobs);
        }
    }

    @Test
    void aHealthProbeFirstLeavesTheManagerToItsApplicationAndReadinessFollowsTheConfiguredSocket(
            @ArquillianResource @OperateOnDeployment("life") URL life) throws Exception {
        assumeTrue(!ServerLife.isGlassFish(), "GlassFish 7 has no MicroProfile Health (no /health/ready);"
                + " its stop-and-start test makes the first call from a thread without the application's context");
        // the very first call on the manager: the health endpoint, on a thread of the server's own
        String before = ServerLife.ready(life);
        assertThat(before).as("readiness before the configured socket is connected")
                .contains("\"status\":\"DOWN\"").contains("\"peer\":\"CLOSED\"").containsPattern(ServerLife.SOCKETS_COUNT);

        assertThat(ServerLife.control(life, "op=names")).isEqualTo("[peer]");
        assertThat(ServerLife.control(life, "op=connect&key=peer&name=peer")).isEqualTo("open");
        String report = ServerLife.control(life, "op=report&key=peer");
        for (String callback : new String[] {"open=", "message="}) {
            String line = report.lines().filter(l -> l.startsWith(callback)).findFirst().orElseThrow();
            assertThat(line).as(callback + " ran with the application's context on a managed thread")
                    .contains("moduleName=" + ServerLife.LIFE_MODULE).doesNotContain("thread=taro-socket");
        }
        assertThat(ServerLife.ready(life)).as("readiness with the configured socket open")
                .contains("\"status\":\"UP\"").contains("\"peer\":\"OPEN\"").containsPattern(ServerLife.SOCKETS_COUNT);

        PeerEndpoint.closeFromPeer(ServerLife.PEER_ID);
        ServerLife.await(() -> ServerLife.control(life, "op=report&key=peer").contains("state=CLOSED"));
        assertThat(ServerLife.ready(life)).as("readiness after the configured socket closed")
                .contains("\"status\":\"DOWN\"").contains("\"peer\":\"CLOSED\"");
    }

    @Test
    void wssWithTheSocketsOwnTrustOpensAndACertificateForAnotherHostIsRefused(
            @ArquillianResource @OperateOnDeployment("life") URL life) throws Exception {
        assertThat(ServerLife.control(life, "op=tls&" + ServerLife.tlsQuery("127.0.0.1")))
                .as("wss to 127.0.0.1 with a trust store holding its certificate").isEqualTo("echo over tls");
        assertThat(ServerLife.control(life, "op=tls&" + ServerLife.tlsQuery("localhost")))
                .as("the same server as localhost: the certificate names 127.0.0.1 only").startsWith("HANDSHAKE_FAILED: ");
    }

    @Test
    void undeployingAnApplicationSays1001ToItsOpenSocketAndReleasesItsConnectingOne() throws Exception {
        long logFrom = ServerLife.serverLogLength();
        deployer.deploy("visitor");
        PeerEndpoint.opened(ServerLife.VISITOR_ID).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ServerLife.silent().accepted().get(WAIT_SECONDS, TimeUnit.SECONDS);

        deployer.undeploy("visitor");
        assertThat(PeerEndpoint.closed(ServerLife.VISITOR_ID).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the close code the peer saw for the open socket").isEqualTo(1001);
        if (ServerLife.isWildFly()) {
            // Undertow waits for a handshake uninterruptibly, and when its own timeout (the socket's
            // connect-timeout) ends the wait it cancels the attempt without closing the TCP connection:
            // nothing a client can release through the standard API (docs/deployment.md, WildFly)
            ServerLife.report("undeploy: 1001 seen; the connecting socket's TCP connection released: "
                    + ServerLife.silent().released().isDone());
        } else {
            // Liberty's client cannot be interrupted in a handshake: the connecting socket's TCP connection
            // goes when Liberty's own 60 s handshake read timeout ends it (measured: 59 s after undeploy).
            // Tyrus on a private transport (GlassFish's client) closes it only at its handshake deadline,
            // the socket's connect timeout; the library has no way to close it earlier
            long released = System.nanoTime();
            long bound = ServerLife.isLiberty() ? LIBERTY_HANDSHAKE_SECONDS
                    : ServerLife.isGlassFish() ? WAIT_SECONDS + ServerLife.VISITOR_CONNECT_SECONDS : WAIT_SECONDS;
            ServerLife.silent().released().get(bound, TimeUnit.SECONDS);
            ServerLife.report("connecting socket's connection released "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released) + " ms after the undeploy");
        }
        assertThat(ServerLife.serverLogErrorsSince(logFrom)).as("ERROR (SEVERE) lines in the server log").isEmpty();
    }

    @Test
    void aSuspendedWildFlyClosesTheOpenSocketAndTheManagerWorksAfterResume(
            @ArquillianResource @OperateOnDeployment("life") URL life) throws Exception {
        assumeTrue(ServerLife.isWildFly(), "suspend is a WildFly management operation");
        long logFrom = ServerLife.serverLogLength();
        assertThat(ServerLife.control(life, "op=connect&key=suspend&url=" + ServerLife.peerUrl(ServerLife.SUSPEND_ID)))
                .isEqualTo("open");
        ServerLife.cli(":suspend(suspend-timeout=0)");
        try {
            assertThat(PeerEndpoint.closed(ServerLife.SUSPEND_ID).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("the close code the peer saw while the server suspended").isEqualTo(1001);
        } finally {
            ServerLife.cli(":resume");
        }
        ServerLife.await(() -> ServerLife.control(life, "op=report&key=suspend").contains("close=1001"));
        assertThat(ServerLife.control(life, "op=echo&url=" + ServerLife.peerUrl("after-resume")))
                .as("a new socket after resume").isEqualTo("echo me");
        assertThat(ServerLife.serverLogErrorsSince(logFrom)).as("ERROR lines in the server log").isEmpty();
    }

    @Test
    void aGracefullyStoppedLibertyServerSays1001ToItsOpenSocketAndReleasesItsConnectingOne() throws Exception {
        assumeTrue(ServerLife.isLiberty(), "a second server started and stopped with Liberty's bin/server");
        String id = "stop-open";
        try (SilentServer silent = new SilentServer();
             SecondLibertyServer server = new SecondLibertyServer(ServerLife.visitor(id, silent.port()))) {
            server.start();
            PeerEndpoint.opened(id).get(WAIT_SECONDS, TimeUnit.SECONDS);
            silent.accepted().get(WAIT_SECONDS, TimeUnit.SECONDS);

            server.stop();
            assertThat(PeerEndpoint.closed(id).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("the close code the peer saw when the server stopped").isEqualTo(1001);
            silent.released().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(ServerLife.errorsIn(server.messagesLog())).as("ERROR lines in the stopped server's log").isEmpty();
        }
    }

    @Test
    void aWildFlyStoppedBySigtermSays1001ToItsOpenSocketWithoutAnErrorInItsLog() throws Exception {
        assumeTrue(ServerLife.isWildFly(), "a second WildFly started with bin/standalone.sh and sent SIGTERM");
        stopSecondWildFly("sigterm-open", SecondWildFlyServer::terminate);
    }

    @Test
    void aWildFlyShutDownByTheManagementOperationSays1001ToItsOpenSocketWithoutAnErrorInItsLog() throws Exception {
        assumeTrue(ServerLife.isWildFly(), "a second WildFly started with bin/standalone.sh and shut down with :shutdown");
        stopSecondWildFly("shutdown-open", SecondWildFlyServer::shutdown);
    }

    /** Starts a second WildFly with the visitor (its open socket as {@code id}), stops it by {@code how}. */
    private static void stopSecondWildFly(String id, Stop how) throws Exception {
        try (SilentServer silent = new SilentServer();
             SecondWildFlyServer server = new SecondWildFlyServer(ServerLife.visitor(id, silent.port()))) {
            server.start();
            PeerEndpoint.opened(id).get(WAIT_SECONDS, TimeUnit.SECONDS);
            silent.accepted().get(WAIT_SECONDS, TimeUnit.SECONDS);

            how.stop(server);
            assertThat(PeerEndpoint.closed(id).get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("the close code the peer saw when the server stopped").isEqualTo(1001);
            silent.released().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(server.errors()).as("ERROR lines in the stopped server's log").isEmpty();
        }
    }

    @FunctionalInterface
    private interface Stop {
        void stop(SecondWildFlyServer server) throws Exception;
    }

    @Test
    void aStoppedGlassFishSays1001ToTheOpenSocketAndAfterItsStartAThreadWithoutContextMakesTheFirstCall(
            @ArquillianResource @OperateOnDeployment("life") URL life) throws Exception {
        assumeTrue(ServerLife.isGlassFish(), "stop-domain and start-domain are GlassFish asadmin commands");
        long logFrom = ServerLife.serverLogLength();
        assertThat(ServerLife.control(life, "op=connect&key=stop&url=" + ServerLife.peerUrl(ServerLife.STOP_ID)))
                .isEqualTo("open");
        // not restart-domain: the server it starts (7.0.21) writes nothing more to server.log
        ServerLife.asadmin("stop-domain", "domain1");
        assertThat(PeerEndpoint.closed(ServerLife.STOP_ID).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the close code the peer saw when the server stopped").isEqualTo(1001);
        ServerLife.asadmin("start-domain", "domain1");

        // the application is back with a new manager; its first call comes from a plain thread without
        // the application's context (no java:comp), and still gets the application's configuration and threads
        ServerLife.awaitAnswer(life, "op=report&key=" + ServerLife.STOP_ID, "none");
        String first = ServerLife.control(life, "op=stranger&key=peer&name=peer");
        assertThat(first).startsWith("[peer] open; caller ThreadProbe[thread=not-the-application, moduleName=null");
        String report = ServerLife.control(life, "op=report&key=peer");
        for (String callback : new String[] {"open=", "message="}) {
            String line = report.lines().filter(l -> l.startsWith(callback)).findFirst().orElseThrow();
            assertThat(line).as(callback + " ran with the application's context on a managed thread")
                    .contains("moduleName=" + ServerLife.LIFE_MODULE).doesNotContain("thread=taro-socket");
        }
        ServerLife.report("stop: the peer saw 1001; after the start " + first + ": " + report.replace('\n', ' '));
        assertThat(ServerLife.serverLogErrorsSince(logFrom)).as("SEVERE lines in the server log").isEmpty();
    }

    /** Keeps the classes the archives need referenced from the test, so a rename breaks the build. */
    static final Class<?>[] DEPLOYED = {ControlServlet.class, Visitor.class, ThreadProbe.class};
}
