package dev.tarosocket.cli;

import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.event.SocketCloseEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * Interactive mode on an open {@link Conversation}: each stdin line is sent as text, received messages
 * are printed with {@code "< "}. A line starting with {@code /} is a command; a mistyped one prints an
 * error and reading goes on. At the end of input it waits, up to the timeout, until as many messages
 * came back as it sent (the echoes still in flight), then closes normally.
 */
final class Interactive {

    static final String COMMANDS = "/close [code] [reason] closes and exits; /binary <file> sends a file; "
            + "//text sends /text";

    private final Conversation talk;
    private final InputStream in;
    private final Duration timeout;

    Interactive(Conversation talk, InputStream in, Duration timeout) {
        this.talk = talk;
        this.in = in;
        this.timeout = timeout;
    }

    /** Reads stdin until /close or its end; returns 0 when the socket then closed cleanly. */
    int run() throws InterruptedException {
        talk.prefixReplies();
        talk.status("type a line to send it; " + COMMANDS);
        Thread reader = new Thread(this::readLines, "taro-socket-stdin");
        reader.setDaemon(true); // a blocked read must not keep the JVM alive once the socket closed
        reader.start();
        try {
            SocketCloseEvent closed = talk.task().whenClosed().toCompletableFuture().get();
            return closed.wasClean() ? 0 : 1;
        } catch (ExecutionException e) {
            return 1;
        }
    }

    private void readLines() {
        long owed = talk.replies(); // replies expected in all: those before this mode, then one per message sent
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("//") || !line.startsWith("/")) {
                    String text = line.startsWith("//") ? line.substring(1) : line;
                    owed += talk.send(text) ? 1 : 0;
                    continue;
                }
                String[] words = line.split("\\s+", 2);
                String args = words.length > 1 ? words[1].trim() : "";
                switch (words[0]) {
                    case "/close" -> {
                        if (close(args)) {
                            return;
                        }
                    }
                    case "/binary" -> owed += sendFile(args) ? 1 : 0;
                    default -> talk.status("unknown command " + words[0] + "; " + COMMANDS);
                }
            }
            endOfInput(owed);
        } catch (IOException e) {
            talk.status("cannot read stdin: " + e.getMessage());
            endOfInput(owed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            talk.close(CloseSocketOption.normal());
        }
    }

    /** {@code /close [code] [reason]}: true when the close was accepted, false (error printed) to read on. */
    private boolean close(String args) {
        String[] parts = args.isEmpty() ? new String[0] : args.split("\\s+", 2);
        CloseSocketOption.Builder how = CloseSocketOption.builder();
        if (parts.length > 0) {
            try {
                how.code(Integer.parseInt(parts[0]));
            } catch (NumberFormatException e) {
                talk.status("/close expects a numeric code, got \"" + parts[0] + "\"; " + COMMANDS);
                return false;
            }
        }
        if (parts.length > 1) {
            how.reason(parts[1]);
        }
        if (!talk.requestClose(how.build())) {
            return false; // e.g. a code the library refuses: the errMsg is printed, type another
        }
        talk.awaitClosed();
        return true;
    }

    private boolean sendFile(String name) throws InterruptedException {
        if (name.isEmpty()) {
            talk.status("/binary expects a file; " + COMMANDS);
            return false;
        }
        Path file = Path.of(name);
        try {
            return talk.send(Files.readAllBytes(file));
        } catch (IOException e) {
            talk.status("cannot read " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** Waits for the replies still in flight (up to the timeout), then closes normally. */
    private void endOfInput(long owed) {
        try {
            long missing = owed - talk.replies();
            if (missing > 0 && !talk.ended()) {
                talk.status("end of input: waiting up to " + Durations.human(timeout) + " for "
                        + plural(missing, "reply", "replies") + " still owed");
                missing = owed - talk.awaitReplies(owed, timeout);
                if (missing > 0 && !talk.ended()) {
                    talk.status("end of input: " + plural(missing, "reply", "replies") + " did not come in "
                            + Durations.human(timeout) + "; closing");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!talk.ended()) {
            talk.close(CloseSocketOption.normal());
        }
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
