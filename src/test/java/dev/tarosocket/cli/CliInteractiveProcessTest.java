package dev.tarosocket.cli;

import dev.tarosocket.testing.FaultProxy;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interactive mode as a user drives it: its own JVM, lines typed or piped into its stdin. A long
 * --timeout keeps a loaded machine from failing a handshake; the waits end as soon as the replies came.
 */
class CliInteractiveProcessTest {

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMistypedCommandPrintsAnErrorAndTheNextLineIsStillSent() throws Exception {
        try (CliProcess cli = CliProcess.start("--timeout", "60s", server.uri("/echo").toString())) {
            cli.awaitErr("connected to");
            cli.type("/close abc");
            cli.awaitErr("/close expects a numeric code, got \"abc\"");
            cli.type("/closex");
            cli.awaitErr("unknown command /closex");
            cli.type("/binary");
            cli.awaitErr("/binary expects a file");
            cli.type("still here");
            cli.awaitOut("< still here");
            cli.type("//close is text when doubled");
            cli.awaitOut("< /close is text when doubled");
            cli.type("/close 3002 done");
            assertThat(cli.awaitExit()).as(cli.err()).isZero();
            assertThat(cli.err()).contains("closed 3002 done");
            assertThat(server.awaitClose(Duration.ofSeconds(30)).getCloseCode().getCode()).isEqualTo(3002);
            assertThat(cli.out().lines()).containsExactly("< still here", "< /close is text when doubled"); // nothing else was sent
        }
    }

    @Test
    void aCloseCodeTheLibraryRefusesKeepsTheSessionOpenForAnotherTry() throws Exception {
        try (CliProcess cli = CliProcess.start("--timeout", "60s", server.uri("/echo").toString())) {
            cli.awaitErr("connected to");
            cli.type("/close 999");
            cli.awaitErr("closeSocket:fail");
            cli.type("after the refusal");
            cli.awaitOut("< after the refusal");
            cli.type("/close");
            assertThat(cli.awaitExit()).as(cli.err()).isZero();
            assertThat(cli.err()).contains("closed 1000");
        }
    }

    @Test
    void pipedLinesPrintEveryReplyBeforeTheClose(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("input.txt"), "one\ntwo\nthree\n", StandardCharsets.UTF_8);
        try (CliProcess cli = CliProcess.startWithInput(input, "--timeout", "60s", server.uri("/echo").toString())) {
            assertThat(cli.awaitExit()).as(cli.err()).isZero();
            assertThat(cli.out().lines()).containsExactly("< one", "< two", "< three");
            assertThat(cli.err()).contains("closed 1000");
        }
    }

    @Test
    void atTheEndOfInputItWaitsForEchoesStillInFlight() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(server.port());
             CliProcess cli = CliProcess.start("--timeout", "60s", proxy.uri("/echo").toString())) {
            cli.awaitErr("connected to");
            proxy.stall(true); // the echoes cannot come back until the input has ended
            cli.type("one");
            cli.type("two");
            cli.type("three");
            cli.endInput();
            cli.awaitErr("end of input: waiting up to 1 min for 3 replies still owed");
            proxy.stall(false);
            assertThat(cli.awaitExit()).as(cli.err()).isZero();
            assertThat(cli.out().lines()).containsExactly("< one", "< two", "< three");
            assertThat(cli.err()).contains("closed 1000").doesNotContain("did not come");
        }
    }
}
