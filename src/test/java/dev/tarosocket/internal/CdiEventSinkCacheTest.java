package dev.tarosocket.internal;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDI event sink's cache of who observes what stays bounded when every socket has its own name. */
@EnableWeld
class CdiEventSinkCacheTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(SocketManager.class).build();

    @Test
    void theCacheOfWhoObservesWhatStaysBoundedWhenEverySocketHasItsOwnName() {
        CdiEventSink sink = new CdiEventSink(weld.event(), weld.getBeanManager());
        SocketMessageEvent event = SocketMessageEvent.text(task(), "x");
        int names = 20_000;
        for (int i = 0; i < names; i++) {
            sink.publish(event, "socket-" + i);
        }
        assertThat(sink.cachedPairs()).as("cached (event type, socket name) pairs after " + names + " names")
                .isLessThanOrEqualTo(CdiEventSink.MAX_CACHED);
        // past the bound, events are still resolved and fired (just not remembered)
        sink.publish(event, "one-more");
        sink.publish(event, null);
    }

    /** A socket task that is only an identity for events (no socket behind it). */
    private static SocketTask task() {
        return (SocketTask) Proxy.newProxyInstance(SocketTask.class.getClassLoader(), new Class<?>[] {SocketTask.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "readyState" -> ReadyState.OPEN;
                    case "toString" -> "task";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
