package dev.tarosocket.it.typed;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * The deployment's configuration of its socket, as an application's MicroProfile Config source:
 * {@code taro.socket.typed.url} is the application's own {@code /echo}, reached through {@link Relay}
 * because the server's HTTP port (random on Payara Micro) is not known when the deployment is
 * validated. The value never changes, so a server's configuration cache cannot make it stale.
 */
public class RelayConfigSource implements ConfigSource {

    public static final String SOCKET = "typed";
    public static final String KEY = "taro.socket." + SOCKET + ".url";
    /** The connection id the server's endpoint records its close under. */
    public static final String ID = "typed-cdi";
    /** The context path of both integration deployments (taro-it.war). */
    static final String CONTEXT = "/taro-it";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String name) {
        return KEY.equals(name) ? "ws://127.0.0.1:" + Relay.get().port() + CONTEXT + "/echo?id=" + ID : null;
    }

    @Override
    public String getName() {
        return "taro-it typed socket";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
