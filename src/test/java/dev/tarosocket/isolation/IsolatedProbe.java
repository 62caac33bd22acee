package dev.tarosocket.isolation;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.config.SocketSettings;
import dev.tarosocket.event.SocketMessageEvent;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs inside {@link WithoutOptionalLibrariesTest}'s class loader, which lacks MicroProfile Config,
 * MicroProfile Health, Micrometer and JSON-B. Boots Weld SE with discovery on (so the library's archive
 * is scanned with its own beans.xml and its extension loaded), connects a named socket configured by
 * system property, injects the same name, and reports what it saw as "key=value" lines.
 */
public final class IsolatedProbe implements Function<String, List<String>> {

    @Override
    public List<String> apply(String socketName) {
        List<String> facts = new ArrayList<>();
        for (String absent : List.of("org.eclipse.microprofile.health.HealthCheck",
                "io.micrometer.core.instrument.MeterRegistry", "org.eclipse.microprofile.config.ConfigProvider",
                "jakarta.json.bind.Jsonb")) {
            facts.add("visible." + absent + "=" + visible(absent));
        }
        facts.add("auto.is.system=" + (ConfigSource.auto() == ConfigSource.system()));
        facts.add("defaults=" + SocketSettings.from(ConfigSource.auto()).maxSockets());
        try (WeldContainer cdi = new Weld().addBeanClass(IsolatedClient.class).initialize()) {
            SocketManager sockets = cdi.select(SocketManager.class).get();
            CompletableFuture<String> echo = new CompletableFuture<>();
            SocketTask task = sockets.connectSocket(ConnectSocketOption.builder().name(socketName)
                    .onMessage(m -> echo.complete(m.text())).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            task.send("ping");
            facts.add("echo=" + echo.get(10, TimeUnit.SECONDS));
            task.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            injected(cdi.select(IsolatedClient.class).get().socket, facts);
            facts.add("health.beans=" + cdi.getBeanManager().getBeans(Object.class).stream()
                    .filter(b -> b.getBeanClass().getName().startsWith("dev.tarosocket.health")
                            || b.getBeanClass().getName().startsWith("dev.tarosocket.metrics")).count());
        } catch (Exception e) {
            facts.add("failure=" + e);
        }
        try (WeldContainer cdi = new Weld().addBeanClass(IsolatedTypedObserver.class).initialize()) {
            facts.add("typed.observer=deployed");
        } catch (RuntimeException e) {
            facts.add("typed.observer=" + (String.valueOf(e.getMessage()).contains(
                    "typed observers need JSON-B (jakarta.json.bind) on the class path") ? "refused" : e.toString()));
        }
        return facts;
    }

    /** The injected socket works; JSON is refused by the call (send) or the event (json), nothing else. */
    private static void injected(SocketTask socket, List<String> facts) throws Exception {
        CompletableFuture<SocketMessageEvent> echo = new CompletableFuture<>();
        socket.onMessage(echo::complete);
        socket.send("injected ping");
        SocketMessageEvent message = echo.get(10, TimeUnit.SECONDS);
        facts.add("injected.echo=" + message.text());
        try {
            message.json(String.class);
            facts.add("json=decoded");
        } catch (IllegalStateException e) {
            facts.add("json=" + e.getMessage());
        }
        try {
            socket.sendJson(List.of("x")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            facts.add("sendJson=sent");
        } catch (ExecutionException e) {
            SocketException cause = (SocketException) e.getCause();
            facts.add("sendJson=" + cause.code() + " " + cause.result().errMsg());
        }
        socket.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static boolean visible(String name) {
        try {
            Class.forName(name, false, IsolatedProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
