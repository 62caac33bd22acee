package dev.tarosocket.regression;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.internal.CdiEventSink;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tarosocket.SocketExceptions.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The INVALID_URL errMsg echoes the whole URL, query token included, and the CDI event sink keeps
 * an entry per socket name for ever.
 */
@EnableWeld
class UrlSecretsAndEventCacheTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(SocketManager.class).build();

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/p?token=s3cr3t-t0ken",
        "ws://127.0.0.1/p?token=s3cr3t-t0ken#part",
        "ws://127.0.0.1/a b?token=s3cr3t-t0ken",
        "ws:///p?token=s3cr3t-t0ken"})
    void anInvalidUrlErrMsgNeverShowsTheQuery(String url) {
        try (SocketManager manager = SocketManager.builder().build()) {
            SocketException e = failure(manager.connectSocket(url));
            assertThat(e.code()).isEqualTo(SocketErrorCode.INVALID_URL);
            assertThat(e.errMsg()).as("errMsg").doesNotContain("s3cr3t").doesNotContain("token=");
            assertThat(e.getMessage()).as("exception message").doesNotContain("s3cr3t");
        }
    }

    @Test
    void theCdiEventSinkDoesNotKeepAnEntryForEverySocketNameItEverSaw() {
        CdiEventSink sink = new CdiEventSink(weld.event(), weld.getBeanManager());
        SocketMessageEvent event = SocketMessageEvent.text(task(), "x");
        int names = 20_000;
        List<WeakReference<String>> seen = new ArrayList<>(names);
        for (int i = 0; i < names; i++) {
            String name = new String("socket-" + i); // a fresh object the test does not keep
            seen.add(new WeakReference<>(name));
            sink.publish(event, name);
        }
        // nobody else holds the names: a bounded cache lets nearly all of them go
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            System.gc();
            long kept = seen.stream().filter(r -> r.get() != null).count();
            assertThat(kept).as("socket names still held by the sink, of " + names).isLessThan(names / 2);
        });
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
