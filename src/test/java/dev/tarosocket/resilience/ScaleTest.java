package dev.tarosocket.resilience;

import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.testing.TestServer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tarosocket.SocketExceptions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the Java SE default set-up (Tyrus looked up by the manager), sockets share one transport: the
 * client's threads do not grow with the number of sockets (Tyrus alone gives each connection a
 * selector and two workers).
 */
class ScaleTest {

    private static final int SOCKETS = 300;

    @Test
    void threeHundredOpenSocketsUseAFewDozenClientThreadsNotHundreds() throws Exception {
        try (TestServer server = TestServer.start();
             SocketManager manager = SocketManager.builder()
                     .settings(SocketSettings.builder().maxSockets(SOCKETS).build()).build()) {
            // the baseline: the server's threads and one open socket's (the transport and pools exist now)
            SocketTask first = value(manager.connectSocket(server.uri("/echo").toString()));
            value(first.whenOpen());
            long baseline = threads("tyrus-", "Grizzly");
            List<CompletableFuture<?>> opens = new ArrayList<>();
            List<SocketTask> tasks = new ArrayList<>(List.of(first));
            for (int i = 1; i < SOCKETS; i++) {
                SocketTask task = value(manager.connectSocket(server.uri("/echo").toString()));
                tasks.add(task);
                opens.add(task.whenOpen().toCompletableFuture());
            }
            CompletableFuture.allOf(opens.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(manager.sockets()).hasSize(SOCKETS);
            // the library's own pools are bounded by construction, whatever the socket count or load:
            // 32 handshake threads, max(8, 4 x cores) delivery threads, one timer
            int cores = Runtime.getRuntime().availableProcessors();
            assertThat(threads("taro-socket-connect-")).as("handshake threads").isLessThanOrEqualTo(32);
            assertThat(threads("taro-socket-timer-")).as("timer threads").isLessThanOrEqualTo(1);
            assertThat(threads("taro-socket-") - threads("taro-socket-connect-") - threads("taro-socket-timer-"))
                    .as("delivery threads").isLessThanOrEqualTo(Math.max(8, 4 * cores));
            // a transport per connection (Tyrus's default) adds a selector and two workers per socket,
            // about 900 threads here; the shared transport's pools are bounded, so the container's
            // growth stays at a few dozen however busy the machine is (35 in a run under load)
            long growth = threads("tyrus-", "Grizzly") - baseline;
            assertThat(growth).as("container threads added by %d more open sockets", SOCKETS - 1)
                    .isLessThan(SOCKETS / 3);
            for (SocketTask t : tasks) {
                t.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> manager.sockets().isEmpty());
        }
    }

    /** Live threads whose names start with one of the prefixes; prints them by name pattern. */
    private static long threads(String... prefixes) {
        var names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> java.util.Arrays.stream(prefixes).anyMatch(n::startsWith))
                .toList();
        System.out.println(String.join("|", prefixes) + " threads: " + names.size() + " " + names.stream()
                .map(n -> n.replaceAll("\\d+", "N")).collect(java.util.stream.Collectors.groupingBy(n -> n,
                        java.util.stream.Collectors.counting())));
        return names.size();
    }
}
