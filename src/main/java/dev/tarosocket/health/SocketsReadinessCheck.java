package dev.tarosocket.health;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.ConfigKeys;
import dev.tarosocket.config.ConfigSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A MicroProfile Health check reporting each named socket's state; UP only when every named
 * socket is {@code OPEN}.
 *
 * <p>The named sockets are those configured ({@code taro.socket.<name>.url}) and those alive now.
 * A configured name with no live socket reports {@code CLOSED}; a socket named only in code is
 * reported while it lives. Unnamed sockets are counted ({@code sockets}) but do not decide the status.
 *
 * <p>This class carries no bean-defining annotation on purpose: the library's archive uses
 * {@code bean-discovery-mode="annotated"}, so a bean class whose interface ({@link HealthCheck}) is
 * missing would make some containers fail or warn when MicroProfile Health is absent. To activate it
 * where MicroProfile Health is present, add one class to the application:
 * <pre>{@code
 * @Readiness @ApplicationScoped
 * public class SocketsReadiness extends SocketsReadinessCheck { }
 * }</pre>
 * Outside CDI, construct it with {@link #SocketsReadinessCheck(SocketManager, ConfigSource)}.
 */
public class SocketsReadinessCheck implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "taro-socket";

    @Inject
    SocketManager manager;             // set by CDI, or by the constructor

    private ConfigSource config;       // null until first call in CDI: then ConfigSource.auto()

    /** For CDI subclasses. */
    protected SocketsReadinessCheck() {
    }

    /** For use without CDI. */
    public SocketsReadinessCheck(SocketManager manager, ConfigSource config) {
        this.manager = manager;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, ReadyState> states = new TreeMap<>();
        for (String name : SocketNames.configured(config())) {
            states.put(name, ReadyState.CLOSED);
        }
        int sockets = 0;
        for (SocketTask task : manager.sockets()) {
            sockets++;
            Optional<String> name = task.name();
            if (name.isPresent()) {
                ReadyState state = task.readyState();
                // with several live sockets of one name, the best state counts
                states.merge(name.get(), state, (a, b) -> a == ReadyState.OPEN ? a : b);
            }
        }
        boolean up = states.values().stream().allMatch(s -> s == ReadyState.OPEN);
        Map<String, Object> data = new TreeMap<>();
        data.put("sockets", (long) sockets);
        states.forEach((name, state) -> data.put(name, state.name()));
        return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }

    private synchronized ConfigSource config() {
        if (config == null) {
            config = ConfigSource.auto();
        }
        return config;
    }

    /** Finds socket names in configuration keys. */
    static final class SocketNames {
        private SocketNames() {
        }

        static java.util.Set<String> configured(ConfigSource source) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            String suffix = "." + ConfigKeys.URL;
            for (String key : source.keys(ConfigKeys.PREFIX)) {
                if (key.endsWith(suffix) && !key.contains("." + ConfigKeys.HEADER)) {
                    String name = key.substring(ConfigKeys.PREFIX.length(), key.length() - suffix.length());
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return names;
        }
    }
}
