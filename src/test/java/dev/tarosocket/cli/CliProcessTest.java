package dev.tarosocket.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a user runs it: its own JVM, no arguments, no terminal, nothing on stdin. */
class CliProcessTest {

    @Test
    void noArgumentRunShowsARealEchoAndExitsZeroWithinSeconds() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", classPath, TaroSocketCli.class.getName()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null").exists() ? new File("/dev/null") : new File("NUL")))
                .redirectErrorStream(true)
                .start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("< Hello from taro-socket").doesNotContain("INFO:");
    }

    @Test
    void badUrlExitsNonZeroWithTheErrMsg() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", classPath, TaroSocketCli.class.getName(), "ftp://127.0.0.1/x"))
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("connectSocket:fail request:fail invalid url \"ftp://127.0.0.1/x\"");
    }
}
