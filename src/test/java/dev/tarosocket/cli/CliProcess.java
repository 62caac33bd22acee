package dev.tarosocket.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The CLI in its own JVM, as a user runs it: stdin is a pipe the test writes lines to (or a file), stdout
 * and stderr are collected as they come so a test can wait for a line before typing the next one.
 */
final class CliProcess implements AutoCloseable {

    /** Bound on each wait: generous, because a loaded 2-core machine starts a JVM slowly. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final StringBuffer out = new StringBuffer(); // appended by the drain threads
    private final StringBuffer err = new StringBuffer();
    private final OutputStream stdin;
    private final List<Thread> drains;

    private CliProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.drains = List.of(drain(process.getInputStream(), out, "stdout"), drain(process.getErrorStream(), err, "stderr"));
    }

    /** Starts {@code taro-socket args...} with stdin a pipe. */
    static CliProcess start(String... args) throws IOException {
        return new CliProcess(builder(args).start());
    }

    /** Starts {@code taro-socket args...} with stdin read from {@code file}. */
    static CliProcess startWithInput(Path file, String... args) throws IOException {
        return new CliProcess(builder(args).redirectInput(file.toFile()).start());
    }

    static List<String> command(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, TaroSocketCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessBuilder builder(String... args) {
        return new ProcessBuilder(command(args));
    }

    private static Thread drain(InputStream from, StringBuffer into, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) > 0; ) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "cli-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Writes {@code line} and a newline to stdin. */
    void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes stdin: the end of input. */
    void endInput() throws IOException {
        stdin.close();
    }

    void awaitOut(String text) {
        await().atMost(PATIENCE).until(() -> out.toString().contains(text));
    }

    void awaitErr(String text) {
        await().atMost(PATIENCE).until(() -> err.toString().contains(text));
    }

    /** Waits for the exit and the last of its output; returns the exit code; fails the test if it did not end. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + PATIENCE + "; stderr:\n" + err);
        }
        for (Thread drain : drains) {
            drain.join(PATIENCE.toMillis());
        }
        return process.exitValue();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
