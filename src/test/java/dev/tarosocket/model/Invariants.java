package dev.tarosocket.model;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectingEvent;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketReconnectedEvent;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** The model's invariants. Each violation names the invariant, the step and what was seen. */
final class Invariants {

    /** The ways a send may fail when the model cannot tell (a fault or close may be racing it). */
    static final Set<SocketErrorCode> SEND_FAILURES = EnumSet.of(SocketErrorCode.NOT_OPEN, SocketErrorCode.CLOSED,
            SocketErrorCode.TRANSPORT, SocketErrorCode.TIMEOUT);

    private Invariants() {
    }

    static AssertionError violation(ModelRun run, String invariant, String detail) {
        String sockets = run.probes.stream().map(Probe::describe).collect(Collectors.joining("\n  "));
        return new AssertionError("INVARIANT [" + invariant + "] violated at step " + run.step + " (" + run.stepName
                + "): " + detail + "\n  steps: " + run.history + "\n  " + sockets);
    }

    /** Checked after every step. */
    static void afterStep(ModelRun run) {
        String sampled = run.sampler.violation;
        if (sampled != null) {
            throw violation(run, sampled.contains("=-") ? "bufferedAmount >= 0"
                    : "bufferedAmount <= bytes of sends not yet completed", sampled);
        }
        for (Probe p : run.probes) {
            callsAtMostOnce(run, p);
            bufferedAmount(run, p);
            closeLast(run, p);
            reconnectEvents(run, p);
            messages(run, p);
            sendOutcomes(run, p);
            if (p.ended()) {
                ended(run, p);
            }
        }
    }

    /** Checked after the final shutdown. */
    static void terminal(ModelRun run) {
        for (Probe p : run.probes) {
            if (p.task != null && !ModelRun.waitFor(ModelRun.BOUND, p::ended)) {
                throw violation(run, "manager shutdown ends every socket", "socket#" + p.index
                        + " whenClosed not completed " + ModelRun.BOUND + " after SocketManager.close()");
            }
            if (!ModelRun.waitFor(ModelRun.BOUND, p::allCallsDone)) {
                throw violation(run, "every call completes exactly once after shutdown", pending(p));
            }
        }
        afterStep(run);
        if (!run.manager.sockets().isEmpty()) {
            throw violation(run, "slot free once the socket ended", "sockets() after shutdown: " + run.manager.sockets());
        }
        // nothing may arrive late: for a quiet period the close event stays last on every socket
        try {
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> run.probes.stream().allMatch(Invariants::closeIsLast));
        } catch (ConditionTimeoutException e) {
            // reported with the details below
        }
        afterStep(run);
    }

    private static String pending(Probe p) {
        return p.calls.stream().filter(c -> c.completionViolation() != null).map(Call::counts)
                .collect(Collectors.joining("; "));
    }

    private static void callsAtMostOnce(ModelRun run, Probe p) {
        for (Call c : p.calls) {
            String v = c.safetyViolation();
            if (v != null) {
                throw violation(run, "each call completes at most once, success|fail then complete then stage", v);
            }
        }
    }

    private static void bufferedAmount(ModelRun run, Probe p) {
        if (p.task == null) {
            return;
        }
        long pendingBefore = p.pendingSendBytes(); // sends only complete, so this bounds the value read next
        long buffered = p.task.bufferedAmount();
        if (buffered < 0) {
            throw violation(run, "bufferedAmount >= 0", "socket#" + p.index + " bufferedAmount=" + buffered);
        }
        if (buffered > pendingBefore) {
            throw violation(run, "bufferedAmount <= bytes of sends not yet completed", "socket#" + p.index
                    + " bufferedAmount=" + buffered + " but pending sends total " + pendingBefore);
        }
    }

    private static boolean closeIsLast(Probe p) {
        List<Probe.Rec> events = List.copyOf(p.events);
        for (int i = 0; i < events.size() - 1; i++) {
            if (events.get(i).event() instanceof SocketCloseEvent) {
                return false;
            }
        }
        return true;
    }

    private static void closeLast(ModelRun run, Probe p) {
        List<Probe.Rec> events = List.copyOf(p.events);
        int closes = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).event() instanceof SocketCloseEvent) {
                closes++;
                if (i != events.size() - 1) {
                    throw violation(run, "the close event comes last", "socket#" + p.index + " events after close: "
                            + events.subList(i + 1, events.size()));
                }
            }
        }
        if (closes > 1) {
            throw violation(run, "exactly one close event", "socket#" + p.index + " had " + closes);
        }
    }

    private static void messages(ModelRun run, Probe p) {
        Set<Long> seen = new HashSet<>();
        long last = 0;
        List<Probe.Rec> events = List.copyOf(p.events);
        for (Probe.Rec r : events) {
            if (!(r.event() instanceof SocketMessageEvent)) {
                continue;
            }
            Probe.Sent sent = p.sends.get(r.seq());
            if (sent == null || !sent.digest().equals(r.payloadDigest())) {
                throw violation(run, "each echo corresponds to a send that was made", "socket#" + p.index
                        + " got " + r + " (" + r.payloadDigest() + "), sent: " + (sent == null ? "none" : sent.digest()));
            }
            if (!seen.add(r.seq())) {
                throw violation(run, "no duplicate messages", "socket#" + p.index + " got the echo of send#" + r.seq() + " twice");
            }
            if (r.seq() < last) {
                throw violation(run, "echoes arrive in send order", "socket#" + p.index + " echo of send#" + r.seq()
                        + " after send#" + last);
            }
            last = r.seq();
        }
        // epochs: after the reconnect that follows a fault, no echo of a send written before the fault
        for (Probe.Fault f : p.faults) {
            int reconnected = 0;
            boolean after = false;
            for (Probe.Rec r : events) {
                if (r.event() instanceof SocketReconnectedEvent && ++reconnected == f.reconnectedBefore() + 1) {
                    after = true;
                } else if (after && r.event() instanceof SocketMessageEvent) {
                    Call c = p.sends.get(r.seq()).call();
                    if (c.ok() && c.doneStamp < f.stamp()) {
                        throw violation(run, "no message from an older connection after reconnected",
                                "socket#" + p.index + " delivered " + r + " after reconnected #" + reconnected
                                        + ", but " + c.label + " was written before the fault that caused it");
                    }
                }
            }
        }
    }

    /** Reconnect events only on a socket with a ReconnectPolicy. */
    private static void reconnectEvents(ModelRun run, Probe p) {
        if (!p.reconnect && (p.count(SocketReconnectingEvent.class) > 0 || p.count(SocketReconnectedEvent.class) > 0)) {
            throw violation(run, "reconnect only with a ReconnectPolicy", "socket#" + p.index + " events " + p.events);
        }
    }

    /**
     * Abnormal ends (1006) fire one error event then the close event; a close while CONNECTING (the
     * socket never opened) succeeds and ends with an error event CLOSED and close 1006.
     */
    private static void abnormalEnd(ModelRun run, Probe p) {
        List<Probe.Rec> events = List.copyOf(p.events);
        int n = events.size();
        SocketCloseEvent close = (SocketCloseEvent) events.get(n - 1).event();
        boolean errorBefore = n >= 2 && events.get(n - 2).event() instanceof SocketErrorEvent;
        if (close.code() == 1006 && (!errorBefore || n >= 3 && events.get(n - 3).event() instanceof SocketErrorEvent)) {
            throw violation(run, "an abnormal end fires one error event then the close event", "socket#" + p.index
                    + " events " + events);
        }
        Call firstClose = p.calls.stream().filter(c -> c.label.startsWith("close(")).findFirst().orElse(null);
        if (firstClose != null && firstClose.ok() && p.count(SocketOpenEvent.class) == 0) {
            if (!errorBefore || ((SocketErrorEvent) events.get(n - 2).event()).code() != SocketErrorCode.CLOSED
                    || close.code() != 1006) {
                throw violation(run, "a close while CONNECTING gives an error event CLOSED then close 1006",
                        "socket#" + p.index + " never opened, " + firstClose + ", events " + events
                                + (errorBefore ? " error code " + ((SocketErrorEvent) events.get(n - 2).event()).code() : ""));
            }
        }
    }

    /**
     * Before the final shutdown, on a socket still open through a proxy that is not stalled: every send
     * that completed ok after the current connection's open event is echoed while that connection lasts.
     */
    static void echoesArrive(ModelRun run, Probe p) {
        if (p.task == null || p.ended() || p.task.readyState() != ReadyState.OPEN) {
            return;
        }
        List<Probe.Rec> events = List.copyOf(p.events);
        long openStamp = 0;
        int opens = 0;
        for (Probe.Rec r : events) {
            if (r.event() instanceof SocketOpenEvent) {
                openStamp = r.stamp();
                opens++;
            }
        }
        long since = openStamp;
        int openCount = opens;
        List<Probe.Sent> expected = p.sends.values().stream()
                .filter(s -> s.call().ok() && s.call().doneStamp > since).toList();
        BooleanSupplier allEchoed = () -> expected.stream().allMatch(s -> p.events.stream().anyMatch(r -> r.seq() == s.seq()));
        if (!ModelRun.waitFor(Duration.ofSeconds(5), () -> allEchoed.getAsBoolean() || p.ended()
                || p.task.readyState() != ReadyState.OPEN || p.count(SocketOpenEvent.class) != openCount)) {
            if (!p.ended() && p.task.readyState() == ReadyState.OPEN && p.count(SocketOpenEvent.class) == openCount) {
                throw violation(run, "every send written on a live connection is echoed", "socket#" + p.index
                        + " missing echoes of " + expected.stream().filter(s -> p.events.stream().noneMatch(r -> r.seq() == s.seq()))
                        .map(s -> s.call().label).toList());
            }
        }
    }

    private static void sendOutcomes(ModelRun run, Probe p) {
        for (Probe.Sent s : p.sends.values()) {
            Call c = s.call();
            if (!c.done() || c.ok() && s.mustFailNotOpen() == null) {
                continue;
            }
            if (s.mustFailNotOpen() != null && c.code() != SocketErrorCode.NOT_OPEN) {
                throw violation(run, "a send on a CLOSING/CLOSED socket fails NOT_OPEN",
                        c + " although " + s.mustFailNotOpen());
            }
            if (!c.ok() && !SEND_FAILURES.contains(c.code())) {
                throw violation(run, "a send fails only with NOT_OPEN, CLOSED, TRANSPORT or TIMEOUT here", c.toString());
            }
        }
    }

    private static void ended(ModelRun run, Probe p) {
        if (p.endedSeenStamp == 0) {
            p.endedSeenStamp = run.clock.incrementAndGet();
        }
        if (run.manager.sockets().contains(p.task)) {
            throw violation(run, "slot free once the socket ended", "socket#" + p.index
                    + " whenClosed completed but manager.sockets() still holds it");
        }
        if (!ModelRun.waitFor(ModelRun.BOUND, p::allCallsDone)) {
            throw violation(run, "every call completes exactly once once the socket ended", pending(p));
        }
        for (Call c : p.calls) {
            String v = c.completionViolation();
            if (v != null) {
                throw violation(run, "every call completes exactly once once the socket ended", v);
            }
        }
        long buffered = p.task.bufferedAmount();
        if (buffered != 0) {
            throw violation(run, "bufferedAmount == 0 once the socket ended", "socket#" + p.index + " bufferedAmount=" + buffered);
        }
        if (!ModelRun.waitFor(ModelRun.BOUND, () -> p.count(SocketCloseEvent.class) >= 1)) {
            throw violation(run, "exactly one close event", "socket#" + p.index + " ended without a close event");
        }
        closeLast(run, p);
        abnormalEnd(run, p);
        SocketCloseEvent delivered = (SocketCloseEvent) p.events.get(p.events.size() - 1).event();
        SocketCloseEvent completed = p.whenClosed.join();
        if (!delivered.equals(completed)) {
            throw violation(run, "whenClosed completes with the close event", "socket#" + p.index + " listener got "
                    + delivered + ", whenClosed " + completed);
        }
    }
}
