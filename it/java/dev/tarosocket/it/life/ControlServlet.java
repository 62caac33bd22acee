package dev.tarosocket.it.life;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.it.app.ThreadProbe;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the client-side tests ask the application to do, over HTTP: {@code op=connect} (a named
 * socket with {@code name}, or {@code url}, recorded under {@code key}), {@code op=report} (where
 * the socket's callbacks ran and how it ended), {@code op=echo} (a new socket to {@code url}
 * sends and receives one text), {@code op=names} (the configured socket names), {@code op=stranger}
 * ({@code op=names}, then {@code op=connect}, from a plain thread without the application's context),
 * {@code op=tls} (a socket to the wss {@code url} with its own SSLContext trusting the PKCS12 trust
 * store file {@code store}: "echo " and the reply, or the error code it ended with).
 */
@WebServlet("/control")
public class ControlServlet extends HttpServlet {

    private static final Map<String, Recorded> RECORDED = new ConcurrentHashMap<>();
    private static final long WAIT_SECONDS = 20;

    @Inject
    SocketManager sockets;

    /** One socket's callbacks: where onOpen and onMessage ran, and its close code. */
    record Recorded(SocketTask task, CompletableFuture<ThreadProbe> open, CompletableFuture<ThreadProbe> message,
                    CompletableFuture<Integer> close) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String op = request.getParameter("op");
        String key = request.getParameter("key");
        String answer;
        try {
            answer = switch (op) {
                case "connect" -> connect(key, request.getParameter("name"), request.getParameter("url"));
                case "report" -> report(RECORDED.get(key));
                case "echo" -> echo(request.getParameter("url"));
                case "names" -> String.valueOf(sockets.configuredSocketNames());
                case "stranger" -> stranger(key, request.getParameter("name"));
                case "tls" -> tls(request.getParameter("url"), request.getParameter("store"));
                default -> throw new IllegalArgumentException("unknown op " + op);
            };
        } catch (Exception e) {
            response.setStatus(500);
            answer = "failed: " + e;
        }
        response.setContentType("text/plain");
        response.getWriter().print(answer);
    }

    private String connect(String key, String name, String url) throws Exception {
        CompletableFuture<ThreadProbe> open = new CompletableFuture<>();
        CompletableFuture<ThreadProbe> message = new CompletableFuture<>();
        CompletableFuture<Integer> close = new CompletableFuture<>();
        ConnectSocketOption.Builder option = name != null ? ConnectSocketOption.builder().name(name)
                : ConnectSocketOption.builder(url);
        SocketTask task = sockets.connectSocket(option
                .onOpen(e -> open.complete(ThreadProbe.here()))
                .onMessage(e -> message.complete(ThreadProbe.here()))
                .onClose(e -> close.complete(e.code()))
                .build()).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        RECORDED.put(key, new Recorded(task, open, message, close));
        open.get(WAIT_SECONDS, TimeUnit.SECONDS);
        task.send("hello from " + key).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        message.get(WAIT_SECONDS, TimeUnit.SECONDS);
        return "open";
    }

    /**
     * The thread inherits no inheritable thread-locals: GlassFish keeps the current component (and so
     * {@code java:comp}) in one, which a plain thread would otherwise inherit from this request. Its
     * context class loader stays the application's: GlassFish's Weld finds the application of a CDI
     * proxy through it, and fails any proxy call (WELD-000229) on a thread with another one.
     */
    private String stranger(String key, String name) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread stranger = new Thread(null, () -> {
            try {
                answer.complete(sockets.configuredSocketNames() + " " + connect(key, name, null)
                        + "; caller " + ThreadProbe.here());
            } catch (Exception | Error e) {
                answer.completeExceptionally(e);
            }
        }, "not-the-application", 0, false);
        stranger.start();
        return answer.get(WAIT_SECONDS * 4, TimeUnit.SECONDS);
    }

    private static String report(Recorded r) {
        if (r == null) {
            return "none";
        }
        return "open=" + r.open().getNow(null) + "\nmessage=" + r.message().getNow(null)
                + "\nstate=" + r.task().readyState() + "\nclose=" + r.close().getNow(null);
    }

    private String tls(String url, String store) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(store))) {
            trusted.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        CompletableFuture<String> end = new CompletableFuture<>();
        SocketTask task = sockets.connectSocket(ConnectSocketOption.builder(url).sslContext(context)
                .onOpen(e -> e.task().send("over tls"))
                .onMessage(e -> end.complete("echo " + e.text()))
                .onError(e -> end.complete(e.code().name() + ": " + e.errMsg()))
                .build()).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        String result = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (result.startsWith("echo ")) {
            task.close().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        task.whenClosed().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return result;
    }

    private String echo(String url) throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        SocketTask task = sockets.connectSocket(ConnectSocketOption.builder(url)
                .onMessage(e -> echoed.complete(e.text())).build()).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        task.whenOpen().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        task.send("echo me").toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        String text = echoed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        task.close().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return text;
    }
}
