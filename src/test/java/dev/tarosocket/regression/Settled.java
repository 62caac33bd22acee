package dev.tarosocket.regression;

import java.util.concurrent.Callable;
import java.util.function.IntSupplier;

/** An Awaitility condition: true once a count has stayed the same for a number of polls in a row. */
final class Settled implements Callable<Boolean> {

    private final int polls;
    private final IntSupplier count;
    private int last = Integer.MIN_VALUE;
    private int same;

    private Settled(int polls, IntSupplier count) {
        this.polls = polls;
        this.count = count;
    }

    static Settled after(int polls, IntSupplier count) {
        return new Settled(polls, count);
    }

    @Override
    public Boolean call() {
        int now = count.getAsInt();
        same = now == last ? same + 1 : 0;
        last = now;
        return same >= polls;
    }
}
