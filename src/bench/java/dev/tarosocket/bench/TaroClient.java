package dev.tarosocket.bench;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * taro-socket over a container (or, with {@link Containers#NONE}, over the one the library looks up
 * as a user's {@code SocketManager.builder().build()} does): task.send stages; {@code inline}: the
 * socket's listeners run on the container's thread ({@code deliverInline(true)}).
 */
final class TaroClient implements BenchClient {

    private final Containers.Handle container;
    private final boolean inline;
    private SocketManager manager;
    private SocketTask task;

    TaroClient(Containers.Handle container, boolean inline) {
        this.container = container;
        this.inline = inline;
    }

    /** With {@code pool} and {@code timer} null, the library's own executors; a NONE container: looked up. */
    static SocketManager manager(Containers.Handle container, int maxSockets, ExecutorService pool,
                                 ScheduledExecutorService timer) {
        SocketManager.Builder b = SocketManager.builder();
        if (container.container() != null) {
            b.container(container.container());
        }
        if (maxSockets > SocketSettings.builder().build().maxSockets()) {
            b.settings(SocketSettings.builder().maxSockets(maxSockets).build());
        }
        if (pool != null) {
            b.executors(pool, timer);
        }
        return b.build();
    }

    @Override
    public void open(URI uri, Consumer<Object> onMessage) throws Exception {
        manager = manager(container, 1, null, null);
        task = manager.connectSocket(ConnectSocketOption.builder(uri.toString()).deliverInline(inline).build())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        task.onMessage(m -> onMessage.accept(m.data()));
        task.whenOpen().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void send(Object payload, Runnable written) {
        if (payload instanceof String) {
            task.send((String) payload).whenComplete((r, e) -> written.run());
        } else {
            task.send(((ByteBuffer) payload).duplicate()).whenComplete((r, e) -> written.run());
        }
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
        container.close();
    }
}
