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
            "",
            "Interactive mode (a URL and no --send or --load): each line of stdin is sent as text and each "
                    + "message received is printed as '< message'. /close [code] [reason] closes and exits; "
                    + "/binary <file> sends the file as one binary message; //text sends /text. "
                    + "At the end of input it waits up to --timeout (default 5s) for the replies still owed "
                    + "(one per line sent), then closes.",
            "One-shot mode (--send, --expect): sends, waits for the replies, prints each as it came, exits.",
            "Load mode (--load): echo round trips over one or more sockets; a summary on stdout.",
            "With no URL it starts an embedded echo server on 127.0.0.1 and uses it; with no --send or "
                    + "--load it then shows a greeting and its echo.",
            "Messages go to stdout; status and errors to stderr, prefixed 'taro-socket: '.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:it worked", "1:a connection, send or expectation failed", "2:bad usage"})
public final class TaroSocketCli implements Callable<Integer> {

    static final String DEMO_GREETING = "Hello from taro-socket";

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ws:// or wss:// URL; omitted: the embedded echo server")
    String url;

    @Option(names = "--echo-port", paramLabel = "PORT", description = "with no URL: the embedded echo server's port "
            + "on 127.0.0.1 (default: a free port)")
    Integer echoPort;

    @Option(names = "--send", paramLabel = "TEXT", description = "send TEXT (repeatable), then exit (one-shot mode)")
    List<String> sends = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "N", description = "one-shot: wait for N replies, then exit (default 0)")
    int expect;

    @Option(names = {"-H", "--header"}, paramLabel = "Name:Value", description = "handshake request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "NAME", description = "subprotocol to offer (repeatable, in order)")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--reconnect", description = "reconnect after abnormal ends: 1s doubling to 30s, 20%% jitter, "
            + "up to 10 attempts in a row; each attempt is reported on stderr. Not with --load.")
    boolean reconnect;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "bound on the handshake, on each send and close, on waiting for replies (--expect, "
                    + "and at the end of input in interactive mode), and on a load run without progress "
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

    @Option(names = "--json", description = "load: print the summary as one JSON line (only with --load)")
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
        cmd.setParameterExceptionHandler(TaroSocketCli::usageError);
        return cmd.execute(args);
    }

    /** A bad command line: the error and one line pointing to --help, so the error stays on screen. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter w = e.getCommandLine().getErr();
        w.println("taro-socket: " + e.getMessage());
        w.println("Try 'taro-socket --help' for the options.");
        w.flush();
        return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Map<String, String> headerMap = parseHeaders();
        EchoServer server = null;
        try {
            String target = url;
            if (target == null) {
                server = EchoServer.start(echoPort == null ? 0 : echoPort);
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
                Conversation talk = new Conversation(manager, option(target), timeout, out, err);
                if (!sends.isEmpty() || expect > 0) {
                    return talk.oneShot(sends, expect);
                }
                if (url == null) {
                    // the demo: a real echo at once, then interactive where a person is typing
                    boolean person = Terminal.isInteractive();
                    int code = talk.demo(DEMO_GREETING, person);
                    return code != 0 || !person ? code : new Interactive(talk, in, timeout).run();
                }
                return talk.connect() ? new Interactive(talk, in, timeout).run() : 1;
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
        require(echoPort == null || url == null, "--echo-port is for the embedded echo server: give it or a URL, not both");
        require(echoPort == null || echoPort >= 1 && echoPort <= 65535, "--echo-port must be 1 to 65535");
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (load) {
            for (String option : List.of("--send", "--expect", "--reconnect")) {
                require(!given.hasMatchedOption(option), option + " cannot be combined with --load");
            }
        } else {
            for (String option : List.of("--json", "--count", "--size", "--connections", "--window")) {
                require(!given.hasMatchedOption(option), option + " applies to load mode only: add --load");
            }
        }
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
