package dev.tarosocket.bench;

import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** taro-socket over a container: task.send stages; the library queues them FIFO, one in the container. */
final class TaroClient implements BenchClient {

    private final Containers.Handle container;
    private SocketManager manager;
    private SocketTask task;

    TaroClient(Containers.Handle container) {
        this.container = container;
    }

    static SocketManager manager(Containers.Handle container, int maxSockets) {
        return manager(container, maxSockets, null, null);
    }

    /** With {@code pool} and {@code timer} null, the library's own executors. */
    static SocketManager manager(Containers.Handle container, int maxSockets, ExecutorService pool,
                                 ScheduledExecutorService timer) {
        SocketManager.Builder b = SocketManager.builder()
                .container(container.container())
                .settings(SocketSettings.builder().maxSockets(maxSockets).build());
        if (pool != null) {
            b.executors(pool, timer);
        }
        return b.build();
    }

    @Override
    public void open(URI uri, Consumer<Object> onMessage) throws Exception {
        manager = manager(container, 5);
        task = manager.connectSocket(uri.toString()).toCompletableFuture().get(30, TimeUnit.SECONDS);
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
