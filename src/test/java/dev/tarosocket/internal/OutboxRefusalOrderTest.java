package dev.tarosocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.spi.SocketMetrics;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Refusals told late (Open Liberty reports "write not allowed" through the send's handler, on
 * another thread, in any order): every refused item goes back in the order it was first handed
 * over, in front of what was never handed over, whatever order the reports come in and whatever
 * heartbeat ping was put first meanwhile.
 */
class OutboxRefusalOrderTest {

    @Test
    void lateRefusalsInAnyOrderRequeueInHandOverOrderAroundAPing() {
        Outbox outbox = new Outbox(1_000, 16);
        Outgoing a = data("a");
        Outgoing b = data("b");
        Outgoing c = data("c");
        Outgoing d = data("d");
        Outgoing never = data("never handed over");
        for (Outgoing o : List.of(a, b, c, d, never)) {
            assertThat(outbox.offer(o)).isNull();
        }
        for (Outgoing o : List.of(a, b, c, d)) {
            assertThat(outbox.claim(0)).isSameAs(o);
        }
        assertThat(outbox.refused(d, true)).isTrue(); // reported first, though handed over last
        outbox.offerFirst(Outgoing.ping(call(), "ping", () -> { }));
        assertThat(outbox.refused(b, true)).isTrue();
        assertThat(outbox.refused(c, true)).isTrue();
        assertThat(outbox.window()).isEqualTo(1);
        assertThat(outbox.release(a)).isTrue(); // a was written: b, c, d follow one at a time

        List<Object> order = new ArrayList<>();
        for (Outgoing next; (next = outbox.claim(0)) != null; ) {
            order.add(next.data);
            assertThat(outbox.release(next)).isTrue();
        }
        assertThat(order).containsExactly("ping", "b", "c", "d", "never handed over");
        assertThat(outbox.bufferedBytes()).isZero();
    }

    @Test
    void aRefusalOfAnItemNoLongerInFlightChangesNothing() {
        Outbox outbox = new Outbox(1_000, 16);
        Outgoing a = data("a");
        outbox.offer(a);
        outbox.claim(0);
        assertThat(outbox.release(a)).isTrue(); // completed (or orphaned) before the late report
        assertThat(outbox.refused(a, true)).isFalse();
        assertThat(outbox.window()).isEqualTo(16);
        assertThat(outbox.hasQueued()).isFalse();
    }

    private static Outgoing data(String text) {
        return Outgoing.data(call(), text, text.length(), 0);
    }

    private static PendingCall<CallbackResult> call() {
        return new PendingCall<>("sendSocketMessage", SendSocketMessageOption.of("x"), SocketMetrics.NONE);
    }
}
