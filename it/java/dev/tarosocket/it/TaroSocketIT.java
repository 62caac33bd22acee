package dev.tarosocket.it;

import dev.tarosocket.CallbackResult;
import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.ReadyState;
import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.it.app.ByeEndpoint;
import dev.tarosocket.it.app.ServerLog;
import dev.tarosocket.it.app.SlowEndpoint;
import dev.tarosocket.it.app.SocketObservers;
import dev.tarosocket.it.app.Target;
import dev.tarosocket.it.app.ThreadProbe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The library in a real container, the same tests on every target (Weld SE with Tyrus, Payara Micro,
 * WildFly, GlassFish): the tests run inside the deployed application, inject its {@link SocketManager} and talk
 * to the application's own endpoints over 127.0.0.1. One class, one deployment: Payara Micro boots one
 * server per test class.
 */
@ExtendWith(ArquillianExtension.class)
class TaroSocketIT {

    private static final long WAIT_SECONDS = 20;
    private static final AtomicLong IDS = new AtomicLong();

    @Deployment
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL deployment;

    @Inject
    SocketManager sockets;

    @Inject
    SocketObservers observers;

    @Inject
    BeanManager beans;

    /**
     * Arquillian runs a test in the client JVM when the container's protocol is missing from the
     * class path, without a word: then nothing is injected. Fail clearly instead.
     */
    @BeforeEach
    void runsInTheApplication() {
        assertNotNull(sockets, "not running inside the deployment (nothing injected): is the Arquillian protocol"
                + " of target " + Target.name() + " on the failsafe class path?");
        assertNotNull(deployment, "@ArquillianResource URL not injected");
    }

    @Test
    void textAndBinaryReachTheCallbackAndTheObservers() throws Exception {
        BlockingQueue<SocketMessageEvent> received = new LinkedBlockingQueue<>();
        List<SocketEvent> ends = new CopyOnWriteArrayList<>(); // error and close events, for failure messages
        SocketTask task = connect(ConnectSocketOption.builder(url("echo"))
                .name(SocketObservers.NAME)
                .onMessage(received::add)
                .onError(ends::add)
                .onClose(ends::add));
        byte[] small = {0, 1, 2, (byte) 0x80, (byte) 0xff};
        byte[] large = new byte[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        byte[] smallBefore = small.clone();
        byte[] largeBefore = large.clone();

        sent("text", task.send("hello taro"), ends);
        sent("small binary", task.send(small), ends);
        sent("large binary", task.send(ByteBuffer.wrap(large)), ends);

        // Undertow's client masks a frame in place; the library must hand it a buffer it may change
        assertArrayEquals(smallBefore, small, "the caller's byte[] was changed by send");
        assertArrayEquals(largeBefore, large, "the caller's ByteBuffer array was changed by send");

        SocketMessageEvent text = next(received);
        assertEquals("hello taro", text.text());
        assertArrayEquals(small, bytes(next(received)));
        assertArrayEquals(large, bytes(next(received)));
        assertEquals(task, text.task());

        SocketMessageEvent observed = observers.nextMessage();
        assertNotNull(observed, "@Observes @SocketName observer got nothing");
        assertEquals("hello taro", observed.text());
        assertArrayEquals(small, bytes(observers.nextMessage()));
        assertArrayEquals(large, bytes(observers.nextMessage()));

        // @ObservesAsync has no order (CDI gives none): compare as a set
        Set<String> async = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            SocketMessageEvent e = observers.nextAsyncMessage();
            assertNotNull(e, "@ObservesAsync @SocketName observer got " + i + " of 3 messages");
            async.add(e.isText() ? "text:" + e.text() : "binary:" + e.size());
        }
        assertEquals(Set.of("text:hello taro", "binary:" + small.length, "binary:" + large.length), async);

        value(task.close());
        SocketCloseEvent close = observers.nextClose();
        assertNotNull(close, "@Observes @SocketName close observer got nothing");
        assertEquals(1000, close.code());
        Target.report("echo of text, " + small.length + " and " + large.length + " binary bytes ok; caller's arrays unchanged");
    }

    @Test
    void callbacksRunOnTheServersManagedThreadsWithTheApplicationsContext() throws Exception {
        assumeFalse(Target.isWeld(), "Weld SE has no managed executor: the manager runs its own taro-socket threads");
        CompletableFuture<ThreadProbe> onOpen = new CompletableFuture<>();
        CompletableFuture<ThreadProbe> onMessage = new CompletableFuture<>();
        CompletableFuture<ThreadProbe> onSent = new CompletableFuture<>();
        CompletableFuture<ThreadProbe> onClose = new CompletableFuture<>();
        SocketTask task = connect(ConnectSocketOption.builder(url("echo"))
                .onOpen(e -> onOpen.complete(ThreadProbe.here()))
                .onMessage(e -> onMessage.complete(ThreadProbe.here()))
                .onClose(e -> onClose.complete(ThreadProbe.here())));
        value(task.send(SendSocketMessageOption.builder().data("where am I")
                .success(r -> onSent.complete(ThreadProbe.here()))
                .build()));
        ThreadProbe message = value(onMessage);
        value(task.close());
        // a close the server starts reaches us on the container's reading thread
        CompletableFuture<ThreadProbe> onServerClose = new CompletableFuture<>();
        value(sockets.connectSocket(ConnectSocketOption.builder(url("bye"))
                .onClose(e -> onServerClose.complete(ThreadProbe.here())).build()));
        Map<String, ThreadProbe> probes = new LinkedHashMap<>();
        probes.put("onOpen", value(onOpen));
        probes.put("send success", value(onSent));
        probes.put("onMessage", message);
        probes.put("onClose", value(onClose));
        probes.put("onClose (server's close)", value(onServerClose));
        probes.forEach((what, p) -> {
            Target.report(what + " ran on " + p);
            assertTrue(p.hasApplicationContext(), what + " ran without the application's context: " + p);
            assertFalse(p.isComponentThread(), what + " ran on a thread the component created: " + p);
        });
    }

    @Test
    void aServerCloseGivesItsCodeAndReason() throws Exception {
        CompletableFuture<SocketCloseEvent> callback = new CompletableFuture<>();
        SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder(url("bye"))
                .onClose(callback::complete).build()));
        SocketCloseEvent close = value(task.whenClosed());
        assertEquals(ByeEndpoint.CODE, close.code());
        assertEquals(ByeEndpoint.REASON, close.reason());
        assertTrue(close.wasClean(), "a close handshake is a clean close");
        assertEquals(close, value(callback));
        assertEquals(ReadyState.CLOSED, task.readyState());
    }

    @Test
    void concurrentSendsOnOneSocketAllSucceedInEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 500;
        String id = id();
        SocketTask task = connect(ConnectSocketOption.builder(url("record?id=" + id)));
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<List<CompletableFuture<CallbackResult>>>> sent = new ArrayList<>();
            CompletableFuture<Void> start = new CompletableFuture<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                sent.add(CompletableFuture.supplyAsync(() -> {
                    start.join();
                    List<CompletableFuture<CallbackResult>> results = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        results.add(task.send(thread + ":" + i).toCompletableFuture());
                    }
                    return results;
                }, senders));
            }
            start.complete(null);
            int ok = 0;
            for (var perSender : sent) {
                for (CompletableFuture<CallbackResult> r : value(perSender)) {
                    assertTrue(value(r).isOk());
                    ok++;
                }
            }
            assertEquals(threads * perThread, ok);
        } finally {
            senders.shutdownNow();
        }

        List<String> order = value(ServerLog.received(id, threads * perThread));
        assertEquals(threads * perThread, order.size());
        int[] last = new int[threads];
        Arrays.fill(last, -1);
        for (String m : order) {
            int thread = Integer.parseInt(m.substring(0, m.indexOf(':')));
            int n = Integer.parseInt(m.substring(m.indexOf(':') + 1));
            assertEquals(last[thread] + 1, n, "thread " + thread + "'s messages out of order at " + m);
            last[thread] = n;
        }
        value(task.close());
        Target.report(threads + " threads x " + perThread + " sends on one socket: all ok, each thread's order kept");
    }

    @Test
    void endingTheApplicationClosesItsSocketsWith1001AndStopsItsThreads() throws Exception {
        String id = id();
        SocketTask task = connect(ConnectSocketOption.builder(url("echo?id=" + id)));
        value(task.send("still here"));
        Set<Thread> componentThreads = componentThreads();

        // What the container does when the application ends: CDI destroys the application-scoped
        // instance and calls its @PreDestroy. The endpoint stays deployed, so it can tell what it saw.
        Bean<?> bean = beans.resolve(beans.getBeans(SocketManager.class));
        ((AlterableContext) beans.getContext(ApplicationScoped.class)).destroy(bean);

        CloseReason seen = value(ServerLog.closeOf(id));
        assertEquals(1001, seen.getCloseCode().getCode(), "close code the server saw");
        SocketCloseEvent close = value(task.whenClosed());
        assertEquals(ReadyState.CLOSED, task.readyState());
        for (Thread t : componentThreads) {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        Set<Thread> left = componentThreads();
        left.retainAll(componentThreads);
        assertTrue(left.isEmpty(), "threads of the ended manager still alive: " + left);
        if (!Target.isWeld()) {
            assertTrue(componentThreads.isEmpty(), "the manager started threads of its own: " + componentThreads);
        }

        // the next use gets a new manager from CDI
        assertTrue(sockets.sockets().isEmpty(), "a new manager has no sockets");
        SocketTask again = connect(ConnectSocketOption.builder(url("echo")));
        value(again.close());
        Target.report("application end: server saw " + seen.getCloseCode().getCode() + ", client close event "
                + close.code() + "; threads of the manager before the end: " + names(componentThreads));
    }

    @Test
    void theServersOwnWebSocketClientIsUsed() throws Exception {
        SocketTask task = connect(ConnectSocketOption.builder(url("echo")));
        String implementation = sockets.containerImplementation().orElseThrow();
        value(task.close());
        Target.report("JSR-356 client implementation: " + implementation);
        if (Target.isWildFly()) {
            assertTrue(implementation.startsWith("io.undertow."), implementation);
        } else if (Target.isLiberty()) {
            assertTrue(implementation.startsWith("com.ibm.ws.wsoc."), implementation);
        } else { // Weld SE's (the test class path's), Payara's and GlassFish's own: Tyrus, none in the WAR
            assertEquals("org.glassfish.tyrus.client.ClientManager", implementation, Target.name() + "'s client");
        }
    }

    @Test
    void aRefusedHandshakeFailsWithAnErrorThenClose1006() throws Exception {
        List<SocketEvent> events = new CopyOnWriteArrayList<>();
        SocketTask task = value(sockets.connectSocket(ConnectSocketOption.builder(url("reject"))
                .onError(events::add).onClose(events::add).build()));
        SocketException refused = failure(task.whenOpen());
        assertEquals(SocketErrorCode.HANDSHAKE_FAILED, refused.code(), refused.errMsg());
        SocketCloseEvent close = value(task.whenClosed());
        assertEquals(1006, close.code());
        assertEquals(2, events.size(), "events: " + events);
        SocketErrorEvent error = assertInstanceOf(SocketErrorEvent.class, events.get(0));
        assertEquals(SocketErrorCode.HANDSHAKE_FAILED, error.code());
        assertEquals(close, events.get(1));
        Target.report("refused handshake: " + refused.errMsg());
    }

    @Test
    void aStalledPeerHoldsBackOnlyItsOwnSocket() throws Exception {
        String slowId = id();
        SocketTask slow = connect(ConnectSocketOption.builder(url("slow?id=" + slowId)));
        BlockingQueue<SocketMessageEvent> echoes = new LinkedBlockingQueue<>();
        SocketTask fast = connect(ConnectSocketOption.builder(url("echo")).onMessage(echoes::add));
        try {
            List<CompletionStage<CallbackResult>> slowSends = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slowSends.add(slow.send("slow " + i));
            }
            // the slow peer reads nothing now; the other socket goes on
            for (int i = 0; i < 20; i++) {
                value(fast.send("fast " + i));
                assertEquals("fast " + i, next(echoes).text());
            }
            SlowEndpoint.open(slowId);
            for (CompletionStage<CallbackResult> s : slowSends) {
                assertTrue(value(s).isOk());
            }
            assertEquals(List.of("slow 0", "slow 1", "slow 2"), value(ServerLog.received(slowId, 3)));
        } finally {
            SlowEndpoint.open(slowId);
            value(slow.close());
            value(fast.close());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private String url(String path) {
        return Target.ws(deployment, path);
    }

    private static String id() {
        return Target.name() + "-" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }

    /** Connects with the injected manager and waits until the socket is open. */
    private SocketTask connect(ConnectSocketOption.Builder option) throws Exception {
        SocketTask task = value(sockets.connectSocket(option.build()));
        value(task.whenOpen());
        return task;
    }

    private static void sent(String what, CompletionStage<CallbackResult> send, List<SocketEvent> ends) throws Exception {
        try {
            assertTrue(value(send).isOk());
        } catch (SocketException e) {
            throw new AssertionError(what + ": " + e.errMsg() + "; socket events: " + ends, e);
        }
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT_SECONDS + " s", e);
        }
    }

    private static SocketException failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            return assertInstanceOf(SocketException.class, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + WAIT_SECONDS + " s", e);
        }
        return fail("expected a failed stage");
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(item, "nothing arrived within " + WAIT_SECONDS + " s");
        return item;
    }

    private static byte[] bytes(SocketMessageEvent event) {
        assertNotNull(event, "no message");
        ByteBuffer data = event.binary();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    private static Set<Thread> componentThreads() {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("taro-socket")) {
                found.add(t);
            }
        }
        return found;
    }

    private static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
