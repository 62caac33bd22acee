package dev.tarosocket.health;

import dev.tarosocket.ReadyState;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
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
 * In CDI the configuration is the manager's, read at the application's start (its
 * {@code META-INF/microprofile-config.properties} included), so the report is the same whichever
 * thread the health endpoint runs on. {@code sockets} (live sockets) is a number; each name's value
 * is its {@link ReadyState}.
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

    private final ConfigSource config; // null in CDI: the manager's own configuration (the application's)

    /** For CDI subclasses. */
    protected SocketsReadinessCheck() {
        this.config = null;
    }

    /** For use without CDI. */
    public SocketsReadinessCheck(SocketManager manager, ConfigSource config) {
        this.manager = manager;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, ReadyState> states = new TreeMap<>();
        for (String name : config != null ? ConfigSource.socketNames(config) : manager.configuredSocketNames()) {
            states.put(name, ReadyState.CLOSED);
        }
        long sockets = 0;
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
        return response(up, sockets, states);
    }

    /**
     * Through the implementation's builder, whose typed {@code withData(String, long)} is what makes
     * a server print a number (Payara prints the values of a response made with the constructor as
     * strings); with no implementation (plain tests), the constructor.
     */
    private static HealthCheckResponse response(boolean up, long sockets, Map<String, ReadyState> states) {
        try {
            org.eclipse.microprofile.health.HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(up)
                    .withData("sockets", sockets);
            states.forEach((name, state) -> b.withData(name, state.name()));
            return b.build();
        } catch (IllegalStateException noProvider) {
            Map<String, Object> data = new TreeMap<>();
            data.put("sockets", sockets);
            states.forEach((name, state) -> data.put(name, state.name()));
            return new HealthCheckResponse(NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(data));
        }
    }
}
