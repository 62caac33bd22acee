package dev.tarosocket.cli;

import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tarosocket.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the command line promises about its output: raw replies, one error per failure, short usage errors. */
class CliOptionsTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendingTheDemoGreetingInOneShotModePrintsOnlyTheRawReply() {
        CliTest.Run run = cli("", "--send", "Hello from taro-socket", "--expect", "1", server.uri("/echo").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("Hello from taro-socket");
    }

    @Test
    void oneShotWithTheEmbeddedServerPrintsOnlyTheRawReply() {
        CliTest.Run run = cli("", "--send", "Hello from taro-socket", "--expect", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("Hello from taro-socket");
    }

    @Test
    void echoPortPutsTheEmbeddedServerOnThatPort() throws IOException {
        int port = freePort();
        CliTest.Run run = cli("", "--echo-port", String.valueOf(port), "--send", "ping", "--expect", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("echo server on ws://127.0.0.1:" + port + "/echo");
        assertThat(run.out().lines()).containsExactly("ping");
    }

    @Test
    void echoPortWithAUrlIsAUsageError() {
        CliTest.Run run = cli("", "--echo-port", "9000", server.uri("/echo").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--echo-port is for the embedded echo server");
    }

    @Test
    void aRefusedPortIsReportedOnceAndExitsOne() throws IOException {
        CliTest.Run run = cli("", "--send", "x", "ws://127.0.0.1:" + freePort() + "/");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.contains("connectSocket:fail"))).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("closed 1006");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--count=0 --load", "--expect=-1", "-H no-colon ws://127.0.0.1:1/", "--timeout=0s"})
    void aUsageErrorPrintsTheErrorAndOneLinePointingToHelp(String args) {
        CliTest.Run run = cli("", args.split(" "));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).hasSize(2);
        assertThat(run.err().lines().skip(1)).singleElement().asString().contains("taro-socket --help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--json", "--count=5", "--size=10", "--connections=2", "--window=4"})
    void aLoadOptionOutsideLoadModeIsAUsageErrorNotIgnored(String option) {
        CliTest.Run run = cli("", option, "--send", "x", server.uri("/echo").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(option.split("=")[0] + " applies to load mode only: add --load");
        assertThat(server.openSessions()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--send=x", "--expect=1", "--reconnect"})
    void aConversationOptionInLoadModeIsAUsageError(String option) {
        CliTest.Run run = cli("", "--load", option, server.uri("/echo").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(option.split("=")[0] + " cannot be combined with --load");
    }

    @Test
    void helpSaysHowLongTheEndOfInputWaitsForReplies() {
        CliTest.Run run = cli("", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("At the end of input it waits up to --timeout (default 5s)")
                .contains("--json load: print the summary as one JSON line (only with --load)");
    }

    @Test
    void theEndOfInputWaitsNoLongerThanTheTimeoutForRepliesThatNeverCome() {
        CliTest.Run run = cli("a\nb\n", "--timeout", "2s", server.uri("/record").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("waiting up to 2 s for 2 replies still owed",
                "2 replies did not come in 2 s; closing", "closed 1000");
        assertThat(server.awaitReceived(2, Duration.ofSeconds(30))).containsExactly("a", "b");
    }

    @Test
    void eachReconnectAttemptPrintsAStatusLineWithItsNumberAndDelay() throws Exception {
        TestServer restarting = TestServer.startRestartable(); // comes back on its port (see TestServer)
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> TaroSocketCli.run(
                new String[] {"--reconnect", "--timeout", "30s", restarting.uri("/echo").toString()}, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        restarting.awaitOpenSessions(1, Duration.ofSeconds(30));
        restarting.close(); // drops the connection without a close frame; attempts are refused until it is back
        await().atMost(Duration.ofSeconds(60)).until(() -> err.toString(StandardCharsets.UTF_8).contains("reconnecting: attempt 2"));
        try (TestServer back = restarting.restart()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> err.toString(StandardCharsets.UTF_8).contains("reconnected after"));
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .containsPattern("reconnecting: attempt 1 in \\d+\\.\\d s")
                    .containsPattern("reconnecting: attempt 2 in \\d+\\.\\d s")
                    .doesNotContain("closed 1006");
            typing.write("back again\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> out.toString(StandardCharsets.UTF_8).contains("< back again"));
            typing.write("/close\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        typing.close();
    }

    /** A loopback port nothing listens on: bound, read, closed. */
    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
