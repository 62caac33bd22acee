package dev.tarosocket.cli;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SocketManager;
import dev.tarosocket.config.SocketSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code taro-socket [URL]}: a WebSocket client on taro-socket, without CDI. With no URL it starts an
 * embedded echo server on 127.0.0.1 and talks to it. Modes: interactive (default), one-shot
 * ({@code --send}/{@code --expect}) and load ({@code --load}). Exit code 0 only when it worked.
 */
@Command(name = "taro-socket", mixinStandardHelpOptions = true, version = "taro-socket 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A WebSocket client with the Taro API (connectSocket, sendSocketMessage, closeSocket).",
            "With no URL, starts an embedded echo server on 127.0.0.1 (ephemeral port) and connects to it;",
            "with no --send or --load it then sends a greeting and shows the echo.",
            "Interactive mode: each stdin line is sent as text; received messages are printed;",
            "  /close [code] [reason]  closes and exits;  /binary <file>  sends the file as one binary message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:it worked", "1:a connection, send or expectation failed", "2:bad usage"})
public final class TaroSocketCli implements Callable<Integer> {

    static final String DEMO_GREETING = "Hello from taro-socket";

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ws:// or wss:// URL; omitted: the embedded echo server")
    String url;

    @Option(names = "--send", paramLabel = "TEXT", description = "send TEXT (repeatable), then exit (one-shot mode)")
    List<String> sends = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "N", description = "one-shot: wait for N replies (default 0)")
    int expect;

    @Option(names = {"-H", "--header"}, paramLabel = "Name:Value", description = "handshake request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "NAME", description = "subprotocol to offer (repeatable, in order)")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--reconnect", description = "reconnect after abnormal ends (backoff with jitter; "
            + "ReconnectPolicy.defaults()). Load mode ignores it.")
    boolean reconnect;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "bound on the handshake, on waiting for replies, and on a load run without progress "
                    + "(500ms, 10s, 2m, PT1M; default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--load", description = "load mode: send --count messages over --connections sockets, measure echo round trips")
    boolean load;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10000", description = "load: messages in all (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64", description = "load: text message size (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "1", description = "load: sockets (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--window", paramLabel = "W", defaultValue = "16", description = "load: sends outstanding per socket (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--json", description = "load: print the summary as one JSON line")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    @Option(names = {"-v", "--verbose"}, description = "log the library's and Tyrus's INFO messages")
    boolean verbose;

    // kept so the level set in main() is not lost when the logger is garbage collected
    private static final java.util.logging.Logger ROOT_LOGGER = java.util.logging.Logger.getLogger("");

    public static void main(String[] args) {
        boolean verbose = java.util.Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        ROOT_LOGGER.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        TaroSocketCli cli = new TaroSocketCli();
        cli.in = in;
        cli.out = out;
        cli.err = err;
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Map<String, String> headerMap = parseHeaders();
        EchoServer server = null;
        try {
            String target = url;
            if (target == null) {
                server = EchoServer.start();
                target = server.echoUri().toString();
                status("echo server on " + target + " (embedded, 127.0.0.1 only)");
            }
            SocketSettings settings = SocketSettings.builder()
                    .maxSockets(Math.max(SocketSettings.DEFAULT_MAX_SOCKETS, connections))
                    .connectTimeout(timeout)
                    .build();
            try (SocketManager manager = SocketManager.builder().settings(settings).build()) {
                if (load) {
                    LoadTest.Plan plan = new LoadTest.Plan(target, count, size, connections, window, timeout);
                    return new LoadTest(manager, plan, this::option, err).run().report(out, json);
                }
                Conversation talk = new Conversation(manager, option(target), timeout, in, out, err);
                if (!sends.isEmpty() || expect > 0) {
                    return talk.oneShot(sends, expect);
                }
                if (url == null) {
                    // the demo: a real echo at once, then interactive where a person is typing
                    int code = talk.oneShot(List.of(DEMO_GREETING), 1, Terminal.isInteractive());
                    return code != 0 || !Terminal.isInteractive() ? code : talk.interactive();
                }
                return talk.interactive();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The connect option for {@code target} with this command's headers, subprotocols and reconnect. */
    ConnectSocketOption.Builder option(String target) {
        ConnectSocketOption.Builder b = ConnectSocketOption.builder(target).timeout(timeout);
        parseHeaders().forEach(b::header);
        if (!subprotocols.isEmpty()) {
            b.protocols(subprotocols.toArray(String[]::new));
        }
        if (reconnect && !load) {
            b.reconnect(ReconnectPolicy.defaults());
        }
        return b;
    }

    private void validate() {
        require(expect >= 0, "--expect must be 0 or more");
        require(count >= 1, "--count must be at least 1");
        require(size >= 1, "--size must be at least 1");
        require(connections >= 1, "--connections must be at least 1");
        require(window >= 1, "--window must be at least 1");
        require(!(load && !sends.isEmpty()), "--load and --send cannot be combined");
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private Map<String, String> parseHeaders() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            require(colon > 0, "--header expects Name:Value, got \"" + h + "\"");
            map.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return map;
    }

    private void status(String line) {
        err.println("taro-socket: " + line);
    }

    /** Durations as taro-socket's configuration reads them. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = SocketSettings.parseDuration(value);
            if (d.isZero() || d.isNegative()) {
                throw new CommandLine.TypeConversionException("must be positive: " + value);
            }
            return d;
        }
    }
}
