package dev.tarosocket.internal;

import dev.tarosocket.Registration;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener list keeps registration order, removes one registration per call, and never changes a snapshot;
 * closing a registration twice removes it once. */
class ListenersTest {

    @Test
    void firesInRegistrationOrderSkipsOneThatThrowsAndRemovesOneRegistrationAtATime() {
        Listeners<String> listeners = new Listeners<>();
        List<String> calls = new ArrayList<>();
        Consumer<String> a = e -> calls.add("a:" + e);
        Registration first = listeners.add(a);
        listeners.add(e -> {
            throw new IllegalStateException("a listener's bug");
        });
        listeners.addAll(List.of(e -> calls.add("b:" + e)));
        listeners.add(a);
        Object[] before = listeners.snapshot();

        listeners.fire("1", "test listener");
        assertThat(calls).containsExactly("a:1", "b:1", "a:1");

        first.close();
        first.close(); // harmless: the other registration of the same listener stays
        calls.clear();
        listeners.fire("2", "test listener");
        assertThat(calls).containsExactly("b:2", "a:2");
        assertThat(before).as("a snapshot taken earlier is unchanged").hasSize(4);
        assertThat(listeners.snapshot()).hasSize(3);
    }

    @Test
    void closingTheLaterOfTwoRegistrationsOfOneListenerKeepsTheEarlierInItsPlace() {
        Listeners<String> listeners = new Listeners<>();
        List<String> calls = new ArrayList<>();
        Consumer<String> a = e -> calls.add("a");
        listeners.add(a);
        listeners.add(e -> calls.add("b"));
        Registration later = listeners.add(a);
        later.close();
        listeners.fire("x", "test listener");
        assertThat(calls).containsExactly("a", "b");
    }
}
