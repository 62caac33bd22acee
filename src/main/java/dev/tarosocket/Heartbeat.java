package dev.tarosocket;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps a socket honest (opt-in per socket): every {@link #interval()} a ping goes out; if no answer
 * comes within {@link #timeout()} the connection is ended as abnormal (error event with
 * {@code TIMEOUT}, close 1006), and reconnects if the socket has a {@link ReconnectPolicy}.
 *
 * <p>By default the ping is a protocol ping frame answered by the peer's pong. With
 * {@link #text(String, String)} it is an application text message (many mini-program back ends
 * expect {@code "ping"}) and the answer is the text message equal to the expected reply; such replies
 * are consumed by the heartbeat and not delivered as messages.
 */
public final class Heartbeat {

    private final Duration interval;
    private final Duration timeout;
    private final String pingText;   // null: protocol ping
    private final String replyText;  // null: protocol pong

    private Heartbeat(Duration interval, Duration timeout, String pingText, String replyText) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("heartbeat interval and timeout must be positive");
        }
        this.interval = interval;
        this.timeout = timeout;
        this.pingText = pingText;
        this.replyText = replyText;
    }

    /** A protocol ping every {@code interval}, answered within {@code interval} too. */
    public static Heartbeat every(Duration interval) {
        return new Heartbeat(Objects.requireNonNull(interval, "interval"), interval, null, null);
    }

    /** The same heartbeat with its own answer timeout. */
    public Heartbeat timeout(Duration timeout) {
        return new Heartbeat(interval, Objects.requireNonNull(timeout, "timeout"), pingText, replyText);
    }

    /** The same heartbeat as an application text ping and its expected text reply. */
    public Heartbeat text(String ping, String reply) {
        return new Heartbeat(interval, timeout, Objects.requireNonNull(ping, "ping"), Objects.requireNonNull(reply, "reply"));
    }

    public Duration interval() {
        return interval;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The application ping text, or empty for a protocol ping. */
    public Optional<String> pingText() {
        return Optional.ofNullable(pingText);
    }

    /** The expected application reply, or empty for a protocol pong. */
    public Optional<String> replyText() {
        return Optional.ofNullable(replyText);
    }

    @Override
    public String toString() {
        return "Heartbeat[every " + interval + ", timeout " + timeout + (pingText == null ? ", protocol ping" : ", text") + "]";
    }
}
