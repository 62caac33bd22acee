package dev.tarosocket.cdi;

import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;
import dev.tarosocket.event.SocketOpenEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observers of every kind the README promises; each records what it saw as "kind:event:detail". */
@ApplicationScoped
public class RecordingObservers {

    // accessed through methods: a client proxy's fields are not the bean's
    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();
    private final List<String> chatOnly = new CopyOnWriteArrayList<>();
    private final List<Thread> syncThreads = new CopyOnWriteArrayList<>();

    public List<String> sync() {
        return sync;
    }

    public List<String> async() {
        return async;
    }

    public List<String> chatOnly() {
        return chatOnly;
    }

    public List<Thread> syncThreads() {
        return syncThreads;
    }

    void open(@Observes SocketOpenEvent e) {
        sync.add(describe(e));
    }

    void message(@Observes SocketMessageEvent e) {
        syncThreads.add(Thread.currentThread());
        sync.add(describe(e));
    }

    void close(@Observes SocketCloseEvent e) {
        sync.add(describe(e));
    }

    void asyncAny(@ObservesAsync SocketEvent e) {
        async.add(describe(e));
    }

    void chat(@Observes @SocketName("chat") SocketMessageEvent e) {
        chatOnly.add(describe(e));
    }

    static String describe(SocketEvent e) {
        String socket = e.task().name().orElse("#" + e.task().socketTaskId());
        if (e instanceof SocketMessageEvent) {
            return "message:" + socket + ":" + ((SocketMessageEvent) e).text();
        }
        if (e instanceof SocketCloseEvent) {
            return "close:" + socket + ":" + ((SocketCloseEvent) e).code();
        }
        if (e instanceof SocketOpenEvent) {
            return "open:" + socket;
        }
        return e.getClass().getSimpleName() + ":" + socket;
    }
}
