package dev.tarosocket.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The load progress bar: its frames, and where it goes. The process tests give the CLI a real terminal
 * with util-linux {@code script}, which runs a command on a pseudo-terminal.
 */
class CliProgressTest {

    private static final String EMPTY_BAR = "[" + " ".repeat(LoadProgress.CELLS) + "]";
    private static final String FULL_BAR = "[" + "#".repeat(LoadProgress.CELLS) + "]";

    @Test
    void theFirstFrameShowsZeroPercentWithNoCellFilled() {
        assertThat(LoadProgress.frame(0, 10_000, 1_000_000)).isEqualTo("load   0% " + EMPTY_BAR + " 0/10000 0.001 s");
    }

    @Test
    void cellsAndPercentRoundDownSoOnlyTheLastMessageFillsTheBar() {
        assertThat(LoadProgress.frame(9_999, 10_000, 0)).startsWith("load  99% [" + "#".repeat(LoadProgress.CELLS - 1) + " ]");
        assertThat(LoadProgress.frame(10_000, 10_000, 0)).startsWith("load 100% " + FULL_BAR);
        assertThat(LoadProgress.frame(1, 3, 0)).startsWith("load  33% [" + "#".repeat(LoadProgress.CELLS / 3) + " ");
    }

    @Test
    void theBarsClockReadsAsTheSummarysSeconds() {
        LoadTest.Plan plan = new LoadTest.Plan("ws://127.0.0.1:1/echo", 10, 1, 1, 1, java.time.Duration.ofSeconds(1));
        long elapsed = 1_234_567_890L;
        LoadSummary summary = new LoadSummary(plan, 10, 10, elapsed, new long[0], Map.of());
        assertThat(summary.toText()).contains("in 1.235 s");
        assertThat(LoadProgress.frame(10, 10, elapsed)).endsWith(" 1.235 s");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void withStderrInAFileAndStdoutOnATerminalTheFileGetsNoBar(@TempDir Path dir) throws Exception {
        Path errFile = dir.resolve("stderr.txt");
        String terminal = onATerminal("2>" + errFile, "--load", "--count", "3000");
        String err = Files.readString(errFile, StandardCharsets.UTF_8);
        assertThat(terminal).contains("sent 3000, received 3000, errors 0");
        assertThat(err).contains("echo server on").doesNotContain("\r", "\u001b", "load   0%");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onATerminalTheBarStartsEmptyAndItsLastFrameShowsTheSummarysTime() throws Exception {
        String terminal = onATerminal("", "--load", "--count", "3000");
        List<String> frames = Arrays.stream(terminal.split("\r\n|\r|\n")).filter(f -> f.startsWith("load ") && f.contains("%"))
                .collect(Collectors.toList());
        assertThat(frames).as(terminal).isNotEmpty();
        assertThat(frames.get(0)).startsWith("load   0% " + EMPTY_BAR + " 0/3000 ");
        assertThat(terminal).doesNotContain("\u001b");
        Matcher summary = Pattern.compile("errors 0 in (\\d+\\.\\d{3}) s").matcher(terminal);
        assertThat(summary.find()).as(terminal).isTrue();
        assertThat(frames.get(frames.size() - 1)).isEqualTo("load 100% " + FULL_BAR + " 3000/3000 " + summary.group(1) + " s");
    }

    /** Runs the CLI on a pseudo-terminal (stdin, stdout and stderr, unless {@code redirect} moves one); returns what the terminal showed. */
    private static String onATerminal(String redirect, String... args) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/script"))).as("util-linux script").isTrue();
        String command = CliProcess.command(args).stream().map(CliProgressTest::quote).collect(Collectors.joining(" "));
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", "exec " + command + " " + redirect, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<byte[]> shown = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes(); // until the terminal closes
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!p.waitFor(CliProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not end on its terminal within " + CliProcess.PATIENCE);
        }
        String terminal = new String(shown.get(CliProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(terminal).isZero();
        return terminal;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
