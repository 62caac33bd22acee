package dev.tarosocket.model;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Model-based test of the public socket API: random sequences of application calls (connect, send,
 * close, shutdown), network faults (reset, cut, stall) and server actions (close, restart) on one
 * socket through a {@code FaultProxy} to a {@code TestServer} /echo, with the invariants of
 * {@link Invariants} checked after every step and after a final shutdown.
 *
 * <p>Default: 25 sequences of at most 12 actions, seed 42. Soak: {@code -Psoak} sets
 * {@code taro.soak.model-tries} (or pass {@code -Dtaro.soak.model-tries=N}); the seed stays fixed
 * unless {@code -Dtaro.soak.model-seed=S} is given.
 */
class SocketModelTest {

    static final int MAX_ACTIONS = 12;

    @Property(tries = 25, seed = "42", shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(SoakTries.class)
    void invariantsHoldForEverySequence(@ForAll("runs") List<Action> actions) {
        try (ModelRun run = new ModelRun()) {
            run.run(actions);
        }
    }

    /**
     * Replays one sequence many times (flaky races do not shrink well): skipped unless
     * {@code -Dtaro.model.replay=CONNECT:1,SEND_BINARY,CLOSE!} (KIND[:arg][!], "!" = quick) is given;
     * {@code -Dtaro.model.replay-times=N} (default 20). Fails with the first violation and the failure count.
     */
    @Example
    void replay() {
        String spec = System.getProperty("taro.model.replay");
        Assume.that(spec != null && !spec.isBlank());
        List<Action> actions = new ArrayList<>();
        for (String token : spec.split(",")) {
            String t = token.trim();
            boolean quick = t.endsWith("!");
            t = quick ? t.substring(0, t.length() - 1) : t;
            String[] parts = t.split(":");
            actions.add(new Action(Action.Kind.valueOf(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0, quick));
        }
        int times = Integer.getInteger("taro.model.replay-times", 20);
        AssertionError first = null;
        int failed = 0;
        for (int i = 0; i < times; i++) {
            try (ModelRun run = new ModelRun()) {
                run.run(actions);
            } catch (AssertionError e) {
                failed++;
                if (first == null) {
                    first = e;
                }
            }
        }
        System.out.println("REPLAY " + actions + ": " + failed + "/" + times + " runs violated an invariant");
        if (first != null) {
            throw new AssertionError("REPLAY " + actions + ": " + failed + "/" + times + " runs failed; first: "
                    + first.getMessage(), first);
        }
    }

    @Provide
    Arbitrary<List<Action>> runs() {
        return Action.runs(MAX_ACTIONS - 1);
    }

    /** Reads the soak settings from system properties: jqwik's tries are otherwise fixed at compile time. */
    public static final class SoakTries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            Integer tries = Integer.getInteger("taro.soak.model-tries");
            if (tries != null) {
                context.attributes().setTries(tries);
            }
            String seed = System.getProperty("taro.soak.model-seed");
            if (seed != null && !seed.isBlank()) {
                context.attributes().setSeed(seed);
            }
            return property.execute();
        }
    }
}
