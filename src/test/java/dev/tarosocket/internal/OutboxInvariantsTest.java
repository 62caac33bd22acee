package dev.tarosocket.internal;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.spi.SocketMetrics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's invariants under random operations: every item is in exactly one place (queued, in
 * flight, or completed by exactly one party), bufferedAmount is the bytes not yet reported written
 * and never negative, the window is respected, a close goes out alone and last.
 */
class OutboxInvariantsTest {

    private static final int WINDOW = 4;

    enum Op { OFFER, OFFER_BIG, CLAIM, REPORT_FIRST, REPORT_LAST, REFUSE_CONCURRENT, REFUSE_DEAD, ORPHAN, CLOSE, DRAIN }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300, seed = "7")
    void everyItemIsInExactlyOnePlaceAndBufferedBytesMatch(@ForAll("ops") List<Op> ops) {
        Outbox outbox = new Outbox(1_000, WINDOW);
        List<Outgoing> queued = new ArrayList<>();   // the model: FIFO of items not handed over
        List<Outgoing> inFlight = new ArrayList<>();
        Set<Outgoing> completed = new HashSet<>();
        boolean closeQueued = false;
        for (Op op : ops) {
            switch (op) {
                case OFFER, OFFER_BIG -> {
                    Outgoing item = item(op == Op.OFFER ? 100 : 600);
                    long before = outbox.bufferedBytes();
                    String refusal = closeQueued ? "closing" : outbox.offer(item);
                    if (refusal == null) {
                        queued.add(item);
                    } else if (!closeQueued) {
                        assertThat(before + item.bytes).as("refused only past the limit").isGreaterThan(1_000);
                    }
                }
                case CLAIM -> {
                    Outgoing next = outbox.claim(System.nanoTime());
                    if (next != null) {
                        assertThat(queued).as("claims in FIFO order").first().isSameAs(next);
                        assertThat(inFlight.size()).as("window").isLessThan(WINDOW);
                        if (next.isClose()) {
                            assertThat(inFlight).as("a close goes out alone").isEmpty();
                        }
                        queued.remove(0);
                        inFlight.add(next);
                    }
                }
                case REPORT_FIRST, REPORT_LAST -> {
                    if (!inFlight.isEmpty()) {
                        Outgoing done = op == Op.REPORT_FIRST ? inFlight.remove(0) : inFlight.remove(inFlight.size() - 1);
                        assertThat(outbox.release(done)).isTrue();
                        assertThat(outbox.release(done)).as("released once").isFalse();
                        assertThat(completed.add(done)).isTrue();
                    }
                }
                case REFUSE_CONCURRENT, REFUSE_DEAD -> {
                    if (!inFlight.isEmpty()) {
                        Outgoing last = inFlight.remove(inFlight.size() - 1);
                        assertThat(outbox.refused(last, op == Op.REFUSE_CONCURRENT)).isTrue();
                        queued.add(0, last);
                    }
                }
                case ORPHAN -> {
                    List<Outgoing> orphans = outbox.orphanInFlight();
                    assertThat(orphans).containsExactlyElementsOf(inFlight);
                    orphans.forEach(o -> assertThat(outbox.release(o)).as("a late report of an orphan").isFalse());
                    completed.addAll(orphans);
                    inFlight.clear();
                }
                case CLOSE -> {
                    if (!closeQueued) {
                        Outgoing close = Outgoing.close(call(), 1000, "");
                        outbox.offerClose(close);
                        queued.add(close);
                        closeQueued = true;
                    }
                }
                case DRAIN -> {
                    List<Outgoing> all = outbox.drainAll();
                    List<Outgoing> expected = new ArrayList<>(inFlight);
                    expected.addAll(queued);
                    assertThat(all).containsExactlyElementsOf(expected);
                    completed.addAll(all);
                    queued.clear();
                    inFlight.clear();
                }
            }
            long unwritten = queued.stream().mapToLong(o -> o.bytes).sum() + inFlight.stream().mapToLong(o -> o.bytes).sum();
            assertThat(outbox.bufferedBytes()).as("bufferedAmount after " + op).isEqualTo(unwritten).isNotNegative();
            assertThat(Collections.disjoint(inFlight, completed)).as("in flight and completed").isTrue();
            assertThat(Collections.disjoint(queued, completed)).as("queued and completed").isTrue();
            assertThat(Collections.disjoint(queued, inFlight)).as("queued and in flight").isTrue();
        }
    }

    private static Outgoing item(int bytes) {
        return Outgoing.data(call(), "x".repeat(bytes), bytes, 0);
    }

    private static PendingCall<CallbackResult> call() {
        return new PendingCall<>("sendSocketMessage", SendSocketMessageOption.of("x"), SocketMetrics.NONE);
    }
}
