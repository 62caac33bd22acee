package dev.tarosocket.it.weld;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The deployment's {@code @ServerEndpoint} classes served by Tyrus on Grizzly, listening on
 * 127.0.0.1 only: Weld SE has no web container, and Tyrus's own {@code Server} binds 0.0.0.0.
 * Started once, never restarted; {@link #stop()} drops every connection.
 */
final class LoopbackWebSocketServer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;
    private volatile String contextPath = "/"; // set by start(), before the endpoints are registered
    private volatile NetworkListener listener;  // null until start()
    private volatile HttpServer http;           // null until start()

    LoopbackWebSocketServer(Set<Class<?>> endpoints) {
        super(endpoints);
        this.engine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        HttpServer server = new HttpServer();
        NetworkListener net = new NetworkListener("taro-it-loopback", "127.0.0.1", port);
        net.registerAddOn(new WebSocketAddOn(this, rootPath));
        server.addListener(net);
        server.start();
        http = server;
        listener = net;
        super.start(rootPath, net.getPort()); // registers the endpoint classes under contextPath
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    /** The bound port (ephemeral when started with 0). */
    @Override
    public int getPort() {
        return listener.getPort();
    }

    @Override
    public void stop() {
        super.stop();
        HttpServer server = http;
        if (server != null) {
            server.shutdownNow();
        }
    }
}
