package dev.tarosocket.cli;

import dev.tarosocket.CloseSocketOption;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One socket, talked to in one-shot mode or (through {@link Interactive}) line by line. Messages go to
 * {@code out}, status lines to {@code err}. Each failure is printed once: before the socket first
 * opened, {@link #connect()} reports it; after, the error listener does.
 */
final class Conversation {

    private final SocketManager manager;
    private final ConnectSocketOption.Builder option;
    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;
    private final Object progress = new Object(); // monitor: notified on every reply and on the close
    private long replies;                         // guarded by progress; messages received
    private boolean ended;                        // guarded by progress; the socket has closed for good
    private volatile boolean prefixed;            // "< " before received messages (interactive, demo)
    private volatile boolean everOpened;          // false until the first open: connect() reports failures
    private volatile String lastError = "";       // the last errMsg printed, so one failure shows once
    private SocketTask task;                      // null until connect() succeeded

    Conversation(SocketManager manager, ConnectSocketOption.Builder option, Duration timeout,
                 PrintStream out, PrintStream err) {
        this.manager = manager;
        this.option = option;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    /** Sends {@code texts}, waits for {@code expect} replies, closes. Replies are printed raw. */
    int oneShot(List<String> texts, int expect) throws InterruptedException {
        return connect() ? exchange(texts, expect, false) : 1;
    }

    /** The demo: shows "> greeting" and "< echo"; {@code stayOpen} leaves the socket open for {@link Interactive}. */
    int demo(String greeting, boolean stayOpen) throws InterruptedException {
        prefixed = true;
        return connect() ? exchange(List.of(greeting), 1, stayOpen) : 1;
    }

    private int exchange(List<String> texts, int expect, boolean stayOpen) throws InterruptedException {
        boolean ok = true;
        for (String text : texts) {
            if (prefixed) {
                out.println("> " + text);
            }
            ok &= send(text);
        }
        long got = awaitReplies(expect, timeout);
        if (got < expect) {
            status("expected " + expect + " replies, got " + got);
            ok = false;
        }
        if (stayOpen && ok) {
            return 0;
        }
        return close(CloseSocketOption.normal()) && ok ? 0 : 1;
    }

    /** Connects and waits for the open; false (with the reason printed once) when it failed. */
    boolean connect() throws InterruptedException {
        option.onOpen(this::opened).onMessage(this::received).onClose(this::closed)
                .onError(e -> {
                    if (everOpened) {
                        error(e.errMsg());
                    }
                })
                .onReconnecting(this::reconnecting)
                .onReconnected(e -> status("reconnected after " + e.attempts() + (e.attempts() == 1 ? " attempt" : " attempts")));
        try {
            task = manager.connectSocket(option.build()).toCompletableFuture().get();
            task.whenOpen().toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | CompletionException e) {
            error(errMsg(e));
        } catch (TimeoutException e) {
            error("connectSocket:fail timeout");
        }
        return false;
    }

    SocketTask task() {
        return task;
    }

    void prefixReplies() {
        prefixed = true;
    }

    boolean send(String text) throws InterruptedException {
        return await(task.send(text), "sendSocketMessage");
    }

    boolean send(byte[] data) throws InterruptedException {
        return await(task.send(data), "sendSocketMessage");
    }

    /** Messages received so far. */
    long replies() {
        synchronized (progress) {
            return replies;
        }
    }

    /**
     * Waits until {@code count} messages in all have been received, the socket closed, or {@code bound}
     * passed; returns the messages received.
     */
    long awaitReplies(long count, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (progress) {
            while (replies < count && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return replies;
        }
    }

    /** Closes with {@code how} and waits for the close; false (with the reason printed) when it failed. */
    boolean close(CloseSocketOption how) {
        return requestClose(how) && awaitClosed();
    }

    /** Asks for a close with {@code how}; false (with the errMsg printed) when the library refused it. */
    boolean requestClose(CloseSocketOption how) {
        try {
            return await(task.close(how), "closeSocket");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits up to the timeout for the socket to end after a close was asked for. */
    boolean awaitClosed() {
        try {
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

    /** Whether the socket has closed for good. */
    boolean ended() {
        synchronized (progress) {
            return ended;
        }
    }

    private boolean await(CompletionStage<?> stage, String api) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            lastError = ""; // a later failure with the same errMsg is a new one
            return true;
        } catch (ExecutionException e) {
            error(errMsg(e));
        } catch (TimeoutException e) {
            error(api + ":fail no answer in " + timeout.toMillis() + " ms");
        }
        return false;
    }

    private void opened(SocketOpenEvent e) {
        everOpened = true;
        lastError = "";
        String protocol = e.protocol() == null || e.protocol().isEmpty() ? "" : " (subprotocol " + e.protocol() + ")";
        status("connected to " + e.task().url() + protocol + " in " + e.profile().cost() + " ms");
    }

    private void received(SocketMessageEvent e) {
        String text = e.isText() ? e.text() : "[binary " + e.size() + " bytes]";
        out.println(prefixed ? "< " + text : text);
        synchronized (progress) {
            replies++;
            progress.notifyAll();
        }
    }

    private void reconnecting(SocketReconnectingEvent e) {
        String why = e.errMsg().isEmpty() || e.errMsg().equals(lastError) ? "" : " after " + e.errMsg();
        lastError = e.errMsg();
        status(String.format(Locale.ROOT, "reconnecting: attempt %d in %.1f s%s",
                e.attempt(), e.delay().toMillis() / 1000.0, why));
    }

    private void closed(SocketCloseEvent e) {
        if (everOpened) { // a socket that never opened: connect() reports why
            status("closed " + e.code() + (e.reason().isEmpty() ? "" : " " + e.reason()) + (e.wasClean() ? "" : " (abnormal)"));
        }
        synchronized (progress) {
            ended = true;
            progress.notifyAll();
        }
    }

    /** Prints {@code errMsg} unless it is the failure printed last (a listener and a stage report the same one). */
    private void error(String errMsg) {
        if (!errMsg.equals(lastError)) {
            lastError = errMsg;
            status(errMsg);
        }
    }

    void status(String line) {
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
