package dev.tarosocket.examples;

import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick starts are these examples, word for word, and they work: each runs against a
 * real echo server on 127.0.0.1 and prints the echo.
 */
class QuickStartsTest {

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- example: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    private final TestServer server = TestServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void theJavaSeQuickStartPrintsTheEchoBeforeItCloses() throws Exception {
        String out = stdoutOf(() -> JavaSeQuickStart.main(new String[] {server.uri("/echo").toString()}));
        assertThat(out).contains("echo: hello");
        server.awaitCloses(1, Duration.ofSeconds(10));
        assertThat(server.closeReasons().get(0).getCloseCode().getCode()).isEqualTo(1000);
    }

    @Test
    void theCdiQuickStartOnJavaSePrintsTheEchoAndItsShutdownClosesWith1001() throws Exception {
        String out = stdoutOf(() -> CdiSeQuickStart.main(new String[] {server.uri("/echo").toString()}));
        assertThat(out).contains("sendSocketMessage:ok").contains("echo: hello");
        assertThat(server.awaitClose(Duration.ofSeconds(10)).getCloseCode().getCode()).isEqualTo(1001);
    }

    @Test
    void everyJavaBlockOfTheReadmeThatNamesAnExampleIsThatExampleWordForWord() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = BLOCK.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String source = Files.readString(Path.of(m.group(1)));
            int start = source.indexOf("// readme:start\n");
            int end = source.indexOf("// readme:end");
            assertThat(start).as("%s has a readme:start marker", m.group(1)).isNotNegative();
            assertThat(m.group(2)).as("README's block for %s", m.group(1))
                    .isEqualTo(source.substring(start + "// readme:start\n".length(), end));
            checked.add(m.group(1));
        }
        assertThat(checked).as("examples quoted in the README").hasSizeGreaterThanOrEqualTo(3);
    }

    private interface Main {
        void run() throws Exception;
    }

    private static synchronized String stdoutOf(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
