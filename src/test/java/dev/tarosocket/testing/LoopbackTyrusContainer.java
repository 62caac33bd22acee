package dev.tarosocket.testing;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container on a Grizzly {@link HttpServer} whose only listener is bound to
 * 127.0.0.1 (Tyrus's own {@code Server}/{@code GrizzlyServerContainer} always bind 0.0.0.0).
 *
 * <p>Contract: give annotated endpoint classes to the constructor or register endpoints with
 * {@link #addEndpoint(ServerEndpointConfig)}, then call
 * {@link #start(String, int)} once (port 0 picks an ephemeral port, read it with
 * {@link #boundPort()}); {@link #stop()} shuts the transport down at once, which drops every
 * open TCP connection without a close frame. A container is not restartable.
 */
public final class LoopbackTyrusContainer extends TyrusServerContainer {

    /** Tyrus's own default incoming frame limit. */
    private static final int DEFAULT_INCOMING_BUFFER_BYTES = 4 * 1024 * 1024 + 11;

    private static final String HOST = "127.0.0.1";

    private final TyrusWebSocketEngine engine;
    // container properties handed to Tyrus; empty unless a caller adds to it before start()
    private final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final String name;
    // null for plain ws; else the server's TLS context (wss)
    private final SSLContext tls;

    // null until start(); then the started server, never replaced
    private volatile HttpServer http;
    // null until start(); then the listener bound to 127.0.0.1, never replaced
    private volatile NetworkListener listener;
    // plain HTTP handlers by path, added before start(); read once by start()
    private final Map<String, HttpHandler> httpHandlers = new ConcurrentHashMap<>();
    // context path given to start(); "" before it
    private volatile String contextPath = "";

    /**
     * Serves the given {@code @ServerEndpoint} classes (as a web container would a deployment's),
     * registered under the context path given to {@link #start(String, int)}.
     */
    public LoopbackTyrusContainer(String name, Set<Class<?>> endpoints) {
        this(name, endpoints, DEFAULT_INCOMING_BUFFER_BYTES, null);
    }

    LoopbackTyrusContainer(String name, int incomingBufferSize, SSLContext tls) {
        this(name, null, incomingBufferSize, tls);
    }

    private LoopbackTyrusContainer(String name, Set<Class<?>> endpoints, int incomingBufferSize, SSLContext tls) {
        super(endpoints);
        this.name = name;
        this.tls = tls;
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(incomingBufferSize)
                .build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    /** Serves {@code path} with a plain HTTP handler (upgrade requests to it are not upgraded). */
    void addHttpHandler(String path, HttpHandler handler) {
        httpHandlers.put(path, handler);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        contextPath = rootPath;
        HttpServer server = new HttpServer();
        NetworkListener net = new NetworkListener(name, HOST, port);
        TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance()
                .setSelectorThreadPoolConfig(pool(name + "-selector", 1, 1))
                .setWorkerThreadPoolConfig(pool(name + "-worker", 2, 16))
                .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                .build();
        transport.setReuseAddress(true);
        net.setTransport(transport);
        if (tls != null) {
            net.setSecure(true);
            net.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        net.getKeepAlive().setIdleTimeoutInSeconds(-1);
        net.registerAddOn(new WebSocketAddOn(this, rootPath));
        server.addListener(net);
        httpHandlers.forEach((path, handler) -> server.getServerConfiguration().addHttpHandler(handler, path));
        this.http = server;
        this.listener = net;
        server.start();
        try {
            super.start(rootPath, net.getPort());
        } catch (IOException | DeploymentException | RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    /** The port the listener is bound to, or -1 before {@link #start(String, int)}. */
    public int boundPort() {
        NetworkListener net = listener;
        return net == null ? -1 : net.getPort();
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            HttpServer server = http;
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    private static ThreadPoolConfig pool(String poolName, int core, int max) {
        return ThreadPoolConfig.defaultConfig()
                .setPoolName(poolName)
                .setCorePoolSize(core)
                .setMaxPoolSize(max)
                .setDaemon(true);
    }
}
