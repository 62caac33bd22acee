package dev.tarosocket.metrics;

import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;
import dev.tarosocket.spi.SocketMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link SocketMetrics} on Micrometer. Meters (all prefixed {@code taro.socket.}):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>connects</td><td>counter</td><td></td><td>connection attempts started (first and reconnects)</td></tr>
 * <tr><td>opens</td><td>counter</td><td></td><td>handshakes that succeeded</td></tr>
 * <tr><td>handshake</td><td>timer</td><td></td><td>handshake duration</td></tr>
 * <tr><td>failures</td><td>counter</td><td>api, code</td><td>failed calls, by Taro api and {@link SocketErrorCode}</td></tr>
 * <tr><td>reconnects</td><td>counter</td><td></td><td>reconnects scheduled</td></tr>
 * <tr><td>messages</td><td>counter</td><td>direction (in, out), type (text, binary)</td><td>whole messages</td></tr>
 * <tr><td>bytes</td><td>counter</td><td>direction</td><td>payload size as the core reports it (text: characters)</td></tr>
 * <tr><td>send.latency</td><td>timer</td><td></td><td>from the send call to the container's written report</td></tr>
 * <tr><td>closes</td><td>counter</td><td>clean (true, false)</td><td>connections ended</td></tr>
 * <tr><td>active</td><td>gauge</td><td></td><td>connections started and not ended</td></tr>
 * <tr><td>buffered.bytes</td><td>gauge</td><td></td><td>sum of {@code bufferedAmount()} over those connections</td></tr>
 * </table>
 * Extra {@code tags} (e.g. the application's name) are added to every meter. Needs
 * {@code io.micrometer:micrometer-core} at run time; the library never loads this class by itself.
 * In CDI, produce it as the application's {@code SocketMetrics} bean:
 * {@code @Produces @ApplicationScoped SocketMetrics metrics(MeterRegistry r) { return new MicrometerSocketMetrics(r); }}.
 */
public final class MicrometerSocketMetrics implements SocketMetrics {

    static final String PREFIX = "taro.socket.";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter connects;
    private final Counter opens;
    private final Timer handshake;
    private final Counter reconnects;
    private final Counter textIn;
    private final Counter binaryIn;
    private final Counter textOut;
    private final Counter binaryOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer sendLatency;
    private final Counter cleanCloses;
    private final Counter abnormalCloses;
    // connections between connecting() and closed(); read by the gauges
    private final Set<SocketTask> live = ConcurrentHashMap.newKeySet();

    public MicrometerSocketMetrics(MeterRegistry registry, Tag... tags) {
        this.registry = registry;
        this.tags = Tags.of(tags);
        connects = counter("connects", "connection attempts started");
        opens = counter("opens", "handshakes that succeeded");
        handshake = Timer.builder(PREFIX + "handshake").description("handshake duration").tags(this.tags).register(registry);
        reconnects = counter("reconnects", "reconnects scheduled");
        textIn = counter("messages", "messages", "direction", "in", "type", "text");
        binaryIn = counter("messages", "messages", "direction", "in", "type", "binary");
        textOut = counter("messages", "messages", "direction", "out", "type", "text");
        binaryOut = counter("messages", "messages", "direction", "out", "type", "binary");
        bytesIn = counter("bytes", "payload bytes", "direction", "in");
        bytesOut = counter("bytes", "payload bytes", "direction", "out");
        sendLatency = Timer.builder(PREFIX + "send.latency").description("send call to written")
                .tags(this.tags).register(registry);
        cleanCloses = counter("closes", "connections ended", "clean", "true");
        abnormalCloses = counter("closes", "connections ended", "clean", "false");
        Gauge.builder(PREFIX + "active", live, Set::size).description("connections not ended")
                .tags(this.tags).register(registry);
        Gauge.builder(PREFIX + "buffered.bytes", live, MicrometerSocketMetrics::buffered)
                .description("bytes queued and not yet written").baseUnit("bytes").tags(this.tags).register(registry);
    }

    private Counter counter(String name, String description, String... tagPairs) {
        return Counter.builder(PREFIX + name).description(description).tags(tags).tags(tagPairs).register(registry);
    }

    private static double buffered(Set<SocketTask> tasks) {
        long sum = 0;
        for (SocketTask t : tasks) {
            sum += t.bufferedAmount();
        }
        return sum;
    }

    @Override
    public void connecting(SocketTask task) {
        live.add(task);
        connects.increment();
    }

    @Override
    public void connected(SocketTask task, long handshakeNanos) {
        opens.increment();
        handshake.record(handshakeNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void callFailed(String api, SocketErrorCode code) {
        // a bounded set of tag values: three apis and the codes of one enum
        counter("failures", "failed calls", "api", api, "code", code.name()).increment();
    }

    @Override
    public void received(SocketTask task, boolean text, long bytes) {
        (text ? textIn : binaryIn).increment();
        bytesIn.increment(bytes);
    }

    @Override
    public void sent(SocketTask task, boolean text, long bytes, long latencyNanos) {
        (text ? textOut : binaryOut).increment();
        bytesOut.increment(bytes);
        sendLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void reconnecting(SocketTask task, int attempt) {
        reconnects.increment();
    }

    @Override
    public void closed(SocketTask task, int code, boolean wasClean) {
        live.remove(task);
        (wasClean ? cleanCloses : abnormalCloses).increment();
    }
}
