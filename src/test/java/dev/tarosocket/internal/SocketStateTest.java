package dev.tarosocket.internal;

import dev.tarosocket.ReadyState;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.SocketErrorCode;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket's pure transitions, driven by a fake clock: no thread, no server, no sleep. */
class SocketStateTest {

    private static final long SECOND = 1_000_000_000L;
    private static final End DROP = End.abnormal(SocketErrorCode.TRANSPORT, "dropped", null);
    private static final ReconnectPolicy RETRY_TWICE = ReconnectPolicy.builder().minDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(400)).jitter(0).maxAttempts(2).stableAfter(Duration.ofSeconds(10)).build();

    private final SocketState state = new SocketState();
    private final Random random = new Random(1);
    private long now = 5 * SECOND; // the fake clock

    @Test
    void anOpenReportForAnOldGenerationIsIgnored() {
        assertThat(state.open(2, now)).isFalse();
        assertThat(state.state()).isEqualTo(ReadyState.CONNECTING);
        assertThat(state.open(1, now)).isTrue();
        assertThat(state.open(1, now)).as("a second open of the same attempt").isFalse();
    }

    @Test
    void theEndIsDecidedOnceAndAReportAfterItIsIgnored() {
        state.open(1, now);
        SocketState.Decision first = state.end(1, DROP, false, null, false, now, random);
        assertThat(first.kind()).isEqualTo(SocketState.Kind.ENDED);
        assertThat(first.fireError()).isTrue();
        assertThat(state.end(1, DROP, false, null, false, now, random).kind()).isEqualTo(SocketState.Kind.IGNORE);
        assertThat(state.state()).isEqualTo(ReadyState.CLOSED);
        assertThat(state.claimError(1)).as("no error event after the end").isFalse();
    }

    @Test
    void aDropReconnectsWithBackoffAsANewGenerationUntilTheAttemptsRunOut() {
        state.open(1, now);
        SocketState.Decision d1 = state.end(1, DROP, false, RETRY_TWICE, false, now, random);
        assertThat(d1.kind()).isEqualTo(SocketState.Kind.RECONNECT);
        assertThat(d1.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(state.generation()).isEqualTo(2);
        assertThat(state.state()).isEqualTo(ReadyState.CONNECTING);
        assertThat(state.end(1, DROP, false, RETRY_TWICE, false, now, random).kind())
                .as("a late report of the old connection").isEqualTo(SocketState.Kind.IGNORE);

        SocketState.Decision d2 = state.end(2, DROP, true, RETRY_TWICE, false, now, random);
        assertThat(d2.kind()).isEqualTo(SocketState.Kind.RECONNECT);
        assertThat(d2.delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(state.end(3, DROP, true, RETRY_TWICE, false, now, random).kind()).isEqualTo(SocketState.Kind.ENDED);
    }

    @Test
    void aConnectionThatStayedUpLongerThanStableAfterResetsTheAttempts() {
        state.open(1, now);
        state.end(1, DROP, false, RETRY_TWICE, false, now, random);
        state.end(2, DROP, true, RETRY_TWICE, false, now, random);
        assertThat(state.attempts()).isEqualTo(2);
        assertThat(state.open(3, now)).isTrue();
        now += 11 * SECOND;
        SocketState.Decision d = state.end(3, DROP, false, RETRY_TWICE, false, now, random);
        assertThat(d.kind()).isEqualTo(SocketState.Kind.RECONNECT);
        assertThat(d.attempt()).isEqualTo(1);
    }

    @Test
    void aCloseTheApplicationAskedForNeverReconnects() {
        state.open(1, now);
        assertThat(state.requestClose()).isEqualTo(ReadyState.OPEN);
        assertThat(state.state()).isEqualTo(ReadyState.CLOSING);
        assertThat(state.end(1, DROP, false, RETRY_TWICE, false, now, random).kind()).isEqualTo(SocketState.Kind.ENDED);
    }

    @Test
    void noReconnectWhileTheManagerShutsDownOrAfterANormalClose() {
        state.open(1, now);
        assertThat(state.end(1, DROP, false, RETRY_TWICE, true, now, random).kind()).isEqualTo(SocketState.Kind.ENDED);
        SocketState other = new SocketState();
        other.open(1, now);
        assertThat(other.end(1, End.reported(1000, "bye"), false, RETRY_TWICE, false, now, random).kind())
                .isEqualTo(SocketState.Kind.ENDED);
    }

    @Test
    void aHandshakeFailureThatACloseOvertookChangesNothing() {
        state.requestClose();
        assertThat(state.end(1, End.abnormal(SocketErrorCode.CLOSED, "closed", null), false, null, false, now, random)
                .kind()).isEqualTo(SocketState.Kind.ENDED);
        assertThat(state.end(1, DROP, true, null, false, now, random).kind()).isEqualTo(SocketState.Kind.IGNORE);
    }

    @Test
    void eachConnectionFiresAtMostOneErrorEvent() {
        state.open(1, now);
        assertThat(state.claimError(1)).isTrue();
        assertThat(state.claimError(1)).isFalse();
        SocketState.Decision d = state.end(1, DROP, false, RETRY_TWICE, false, now, random);
        assertThat(d.fireError()).as("the connection already fired its error event").isFalse();
        assertThat(state.claimError(2)).as("the next connection has its own").isTrue();
    }
}
