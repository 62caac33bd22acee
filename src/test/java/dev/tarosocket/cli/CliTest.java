package dev.tarosocket.cli;

import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command-line client run in-process against the embedded echo server and the test server. */
class CliTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TaroSocketCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withNoUrlItEchoesAGreetingThroughTheEmbeddedServerOnLoopback() {
        Run run = cli("");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("> Hello from taro-socket", "< Hello from taro-socket");
        assertThat(run.err()).containsPattern("echo server on ws://127\\.0\\.0\\.1:\\d+/echo").contains("closed 1000");
    }

    @Test
    void sendAndExpectPrintsTheRepliesInOrderAndExitsZero() {
        Run run = cli("", "--send", "first", "--send", "second", "--expect", "2", server.uri("/echo").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("first", "second");
    }

    @Test
    void fewerRepliesThanExpectedExitsNonZero() {
        Run run = cli("", "--send", "x", "--expect", "1", "--timeout", "300ms", server.uri("/record").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("expected 1 replies, got 0");
    }

    @Test
    void headersAndSubprotocolReachTheServer() {
        Run run = cli("", "-H", "X-Token: abc", "--subprotocol", "chat.v1", "--expect", "1", server.uri("/headers").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsIgnoringCase("X-Token: abc").contains("Negotiated-Subprotocol: chat.v1");
        assertThat(run.err()).contains("(subprotocol chat.v1)");
    }

    @Test
    void loadModePrintsOneJsonLineWithTheCountsItSent() {
        Run run = cli("", "--load", "--count", "600", "--size", "100", "--connections", "3", "--window", "8", "--json",
                server.uri("/echo").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) MiniJson.parse(run.out());
        assertThat(summary).containsEntry("mode", "load").containsEntry("count", 600.0).containsEntry("sent", 600.0)
                .containsEntry("received", 600.0).containsEntry("errors", 0.0).containsEntry("connections", 3.0)
                .containsEntry("size", 100.0).containsEntry("ok", true).containsEntry("errorsByCode", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Double> latency = (Map<String, Double>) summary.get("latencyMillis");
        assertThat(latency.get("p50")).isPositive().isLessThanOrEqualTo(latency.get("p99"));
        assertThat(latency.get("p99")).isLessThanOrEqualTo(latency.get("p999"));
        assertThat((Double) summary.get("messagesPerSecond")).isPositive();
    }

    @Test
    void loadModeWithoutJsonPrintsAReadableSummary() {
        Run run = cli("", "--load", "--count", "50", "--window", "4");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent 50, received 50, errors 0", "messages/s", "MB/s", "p50", "p99.9");
    }

    @Test
    void badUrlGivesTheLibrarysErrMsgAndExitsNonZero() {
        Run run = cli("", "--send", "x", "http://127.0.0.1/chat");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("connectSocket:fail request:fail invalid url \"http://127.0.0.1/chat\"");
    }

    @Test
    void interactiveModeSendsStdinLinesAndClosesWithTheGivenCodeAndReason(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = Files.write(dir.resolve("blob.bin"), new byte[] {1, 2, 3});
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                TaroSocketCli.run(new String[] {server.uri("/echo").toString()}, stdin,
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        // a person types the next line after seeing the previous echo
        type(typing, "hi there");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("< hi there"));
        type(typing, "/binary " + file);
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("< [binary 3 bytes]"));
        type(typing, "/close 3001 bye now");
        assertThat(exit.get(10, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("closed 3001 bye now");
        assertThat(server.awaitClose(Duration.ofSeconds(5)).getCloseCode().getCode()).isEqualTo(3001);
        typing.close();
    }

    private static void type(java.io.OutputStream stdin, String line) throws java.io.IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Test
    void endOfInputClosesNormally() {
        Run run = cli("only line\n", server.uri("/echo").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("closed 1000");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(cli("", "--load", "--count", "0").exit()).isEqualTo(2);
        assertThat(cli("", "-H", "no-colon", "ws://127.0.0.1:1/").exit()).isEqualTo(2);
    }
}
