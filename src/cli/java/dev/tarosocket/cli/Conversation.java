package dev.tarosocket.cli;

import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** One socket, talked to in one-shot or interactive mode. Messages go to {@code out}, status to {@code err}. */
final class Conversation {

    private final SocketManager manager;
    private final ConnectSocketOption.Builder option;
    private final Duration timeout;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicInteger replies = new AtomicInteger();
    private volatile CompletableFuture<Void> expected = new CompletableFuture<>(); // done when enough replies came
    private volatile int expectedCount;
    private volatile boolean prefixed;     // "< " before received messages (interactive, demo)
    private SocketTask task;               // null until connect() succeeded; confined to the calling thread

    Conversation(SocketManager manager, ConnectSocketOption.Builder option, Duration timeout,
                 InputStream in, PrintStream out, PrintStream err) {
        this.manager = manager;
        this.option = option;
        this.timeout = timeout;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Sends {@code texts}, waits for {@code expect} replies, closes. */
    int oneShot(List<String> texts, int expect) throws InterruptedException {
        return oneShot(texts, expect, false);
    }

    /** As {@link #oneShot(List, int)}; {@code stayOpen} leaves the socket open for interactive mode (the demo). */
    int oneShot(List<String> texts, int expect, boolean stayOpen) throws InterruptedException {
        prefixed = stayOpen || texts.size() == 1 && TaroSocketCli.DEMO_GREETING.equals(texts.get(0));
        expectedCount = expect;
        if (expect == 0) {
            expected.complete(null);
        }
        if (!connect()) {
            return 1;
        }
        boolean ok = true;
        for (String text : texts) {
            if (prefixed) {
                out.println("> " + text);
            }
            ok &= await(task.send(text), "sendSocketMessage");
        }
        try {
            CompletableFuture.anyOf(expected, task.whenClosed().toCompletableFuture())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // reported below
        } catch (ExecutionException e) {
            ok = false;
        }
        if (replies.get() < expect) {
            status("expected " + expect + " replies, got " + replies.get());
            ok = false;
        }
        if (stayOpen && ok) {
            return 0;
        }
        return close(CloseSocketOption.normal()) && ok ? 0 : 1;
    }

    /** Sends stdin lines until EOF or {@code /close}; exits when the socket closes. */
    int interactive() throws InterruptedException {
        prefixed = true;
        if (task == null && !connect()) {
            return 1;
        }
        status("type a line to send it; /close [code] [reason] to quit, /binary <file> to send a file");
        Thread reader = new Thread(this::readLines, "taro-socket-stdin");
        reader.setDaemon(true); // a blocked read must not keep the JVM alive once the socket closed
        reader.start();
        SocketCloseEvent closed;
        try {
            closed = task.whenClosed().toCompletableFuture().get();
        } catch (ExecutionException e) {
            return 1;
        }
        return closed.wasClean() ? 0 : 1;
    }

    private void readLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("/close")) {
                    closeCommand(line.substring("/close".length()).trim());
                    return;
                } else if (line.startsWith("/binary ")) {
                    Path file = Path.of(line.substring("/binary ".length()).trim());
                    try {
                        await(task.send(Files.readAllBytes(file)), "sendSocketMessage");
                    } catch (IOException e) {
                        status("cannot read " + file + ": " + e.getMessage());
                    }
                } else {
                    await(task.send(line), "sendSocketMessage");
                }
            }
        } catch (IOException | InterruptedException e) {
            // stdin failed: close below
        }
        close(CloseSocketOption.normal());
    }

    private void closeCommand(String args) throws InterruptedException {
        String[] parts = args.isEmpty() ? new String[0] : args.split("\\s+", 2);
        CloseSocketOption.Builder b = CloseSocketOption.builder();
        if (parts.length > 0) {
            try {
                b.code(Integer.parseInt(parts[0]));
            } catch (NumberFormatException e) {
                status("/close expects a numeric code, got " + parts[0]);
                return;
            }
        }
        if (parts.length > 1) {
            b.reason(parts[1]);
        }
        if (!close(b.build())) {
            close(CloseSocketOption.normal()); // e.g. a code browsers refuse: still end the session
        }
    }

    private boolean connect() throws InterruptedException {
        option.onOpen(this::opened).onMessage(this::received).onClose(this::closed)
                .onError(e -> status("error: " + e.errMsg()));
        try {
            task = manager.connectSocket(option.build()).toCompletableFuture().get();
            task.whenOpen().toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | CompletionException e) {
            status(errMsg(e));
        } catch (TimeoutException e) {
            status("connectSocket:fail timeout");
        }
        return false;
    }

    private boolean close(CloseSocketOption how) {
        try {
            if (!await(task.close(how), "closeSocket")) {
                return false;
            }
            task.whenClosed().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            status("closeSocket:fail the server did not answer the close");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean await(CompletionStage<?> stage, String api) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            status(errMsg(e));
        } catch (TimeoutException e) {
            status(api + ":fail no answer in " + timeout.toMillis() + " ms");
        }
        return false;
    }

    private void opened(SocketOpenEvent e) {
        String protocol = e.protocol() == null || e.protocol().isEmpty() ? "" : " (subprotocol " + e.protocol() + ")";
        status("connected to " + e.task().url() + protocol + " in " + e.profile().cost() + " ms");
    }

    private void received(SocketMessageEvent e) {
        String text = e.isText() ? e.text() : "[binary " + e.size() + " bytes]";
        out.println(prefixed ? "< " + text : text);
        if (replies.incrementAndGet() >= expectedCount) {
            expected.complete(null);
        }
    }

    private void closed(SocketCloseEvent e) {
        status("closed " + e.code() + (e.reason().isEmpty() ? "" : " " + e.reason()) + (e.wasClean() ? "" : " (abnormal)"));
    }

    private void status(String line) {
        err.println("taro-socket: " + line);
    }

    static String errMsg(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof SocketException se ? se.errMsg() : String.valueOf(t);
    }
}
