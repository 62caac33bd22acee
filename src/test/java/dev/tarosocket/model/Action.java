package dev.tarosocket.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/** One step of a model run: what the application, the network or the server does next. */
record Action(Kind kind, int arg, boolean quick) {

    Action(Kind kind, int arg) {
        this(kind, arg, false);
    }

    enum Kind {
        /** connectSocket through the proxy to /echo; arg bit 0: with a ReconnectPolicy, bit 1: do not wait for open. */
        CONNECT,
        SEND_TEXT,
        SEND_BINARY,
        /** one 256 KiB binary message. */
        SEND_LARGE,
        /** the application closes the socket (1000). */
        CLOSE,
        /** the server closes every session; arg picks the code: 1000, 1001, 4000. */
        SERVER_CLOSE,
        /** the proxy resets every connection (RST). */
        RESET,
        /** the proxy cuts every connection (FIN). */
        CUT,
        /**
         * the proxy stalls, a text and a large send are made, then (arg 0) the proxy passes through
         * again, or (arg 1) stays stalled until UNSTALL, the next RESTART, or the end of the run.
         */
        STALL,
        /** the proxy passes through again. */
        UNSTALL,
        /** the server stops (dropping connections without a close frame) and starts on the same port. */
        RESTART,
        /** the message listener takes 20 ms for the next arg messages, then two texts are sent. */
        SLOW_LISTENER,
        /** SocketManager.close(). */
        SHUTDOWN
    }

    static final int[] SERVER_CLOSE_CODES = {1000, 1001, 4000};

    @Override
    public String toString() {
        return text() + (quick ? "!" : "");
    }

    private String text() {
        return switch (kind) {
            case CONNECT -> "CONNECT(" + ((arg & 1) != 0 ? "reconnect" : "no-reconnect")
                    + ((arg & 2) != 0 ? ", no-wait)" : ")");
            case SERVER_CLOSE -> "SERVER_CLOSE(" + SERVER_CLOSE_CODES[arg] + ")";
            case SLOW_LISTENER -> "SLOW_LISTENER(" + arg + ")";
            case STALL -> arg == 0 ? "STALL_THEN_UNSTALL" : "STALL_AND_HOLD";
            default -> kind.name();
        };
    }

    static Arbitrary<Action> action() {
        return Arbitraries.frequencyOf(
                weighted(3, Kind.CONNECT, Arbitraries.integers().between(0, 3)),
                weighted(5, Kind.SEND_TEXT, Arbitraries.just(0)),
                weighted(3, Kind.SEND_BINARY, Arbitraries.just(0)),
                weighted(2, Kind.SEND_LARGE, Arbitraries.just(0)),
                weighted(2, Kind.CLOSE, Arbitraries.just(0)),
                weighted(2, Kind.SERVER_CLOSE, Arbitraries.integers().between(0, SERVER_CLOSE_CODES.length - 1)),
                weighted(2, Kind.RESET, Arbitraries.just(0)),
                weighted(2, Kind.CUT, Arbitraries.just(0)),
                weighted(3, Kind.STALL, Arbitraries.integers().between(0, 1)),
                weighted(1, Kind.UNSTALL, Arbitraries.just(0)),
                weighted(1, Kind.RESTART, Arbitraries.just(0)),
                weighted(2, Kind.SLOW_LISTENER, Arbitraries.integers().between(1, 5)),
                weighted(1, Kind.SHUTDOWN, Arbitraries.just(0)));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Action>> weighted(
            int weight, Kind kind, Arbitrary<Integer> arg) {
        // quick: the next step follows at once instead of waiting for this one to settle
        return net.jqwik.api.Tuple.of(weight, Combinators.combine(arg, Arbitraries.of(false, false, true))
                .as((a, quick) -> new Action(kind, a, quick)));
    }

    /** A run (a step marked "!" is followed at once, without waiting for it to settle): always starts with a connect, then up to {@code max} random actions. */
    static Arbitrary<List<Action>> runs(int max) {
        return Combinators.combine(Arbitraries.integers().between(0, 3), action().list().ofMaxSize(max))
                .as((first, rest) -> {
                    List<Action> all = new ArrayList<>();
                    all.add(new Action(Kind.CONNECT, first));
                    all.addAll(rest);
                    return all;
                });
    }
}
