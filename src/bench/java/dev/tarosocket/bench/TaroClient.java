package dev.tarosocket.bench;

import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;

import java.net.URI;
import java.nio.ByteBuffer;
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
        return SocketManager.builder()
                .container(container.container())
                .settings(SocketSettings.builder().maxSockets(maxSockets).build())
                .build();
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
