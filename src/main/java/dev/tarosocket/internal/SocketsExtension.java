package dev.tarosocket.internal;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketException;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;
import dev.tarosocket.config.ConfigKeys;
import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.event.SocketCloseEvent;
import dev.tarosocket.event.SocketErrorEvent;
import dev.tarosocket.event.SocketMessageEvent;
import dev.tarosocket.event.SocketName;
import dev.tarosocket.event.SocketOpenEvent;
import dev.tarosocket.event.SocketReconnectedEvent;
import dev.tarosocket.event.SocketReconnectingEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The CDI side of named sockets: {@code @Inject @SocketName("chat") SocketTask}, connect-on-start,
 * deployment validation, and typed observers. A portable extension because only one can add a bean
 * per name found at injection points (the qualifier's value is binding) and fail the deployment with
 * a message of its own; it names no optional type, so it loads with the CDI API alone.
 *
 * <p>Each injected name gets one {@code @Dependent} bean returning the application's one socket of
 * that name, connected by the {@link SocketManager} on first injection (or at start, with
 * {@code connect-on-start}) from {@code ConnectSocketOption.named(name)}; the manager owns it. The
 * manager comes from {@link SocketsExtensionBridge}, a bean of the library's own archive.
 */
public final class SocketsExtension implements Extension {

    private static final Set<Class<?>> EVENT_TYPES = Set.of(SocketOpenEvent.class, SocketMessageEvent.class,
            SocketErrorEvent.class, SocketCloseEvent.class, SocketReconnectingEvent.class, SocketReconnectedEvent.class);

    private final Map<String, InjectionPoint> injected = new ConcurrentHashMap<>(); // name: its first injection point
    private final Set<String> observed = ConcurrentHashMap.newKeySet();            // names of @SocketName observers
    private final List<String> asyncTyped = new ArrayList<>();                       // guarded by itself
    private final TypedObservers typed = new TypedObservers();
    private final Map<String, SocketTask> tasks = new ConcurrentHashMap<>();         // the one socket per injected name
    private volatile SocketManager attached; // the application's manager, from SocketsExtensionBridge; null before start

    void injectionPoint(@Observes ProcessInjectionPoint<?, SocketTask> event) {
        String name = nameOf(event.getInjectionPoint().getQualifiers());
        if (name != null) {
            injected.putIfAbsent(name, event.getInjectionPoint());
        }
    }

    void observerMethod(@Observes ProcessObserverMethod<?, ?> event) {
        ObserverMethod<?> method = event.getObserverMethod();
        String name = nameOf(method.getObservedQualifiers());
        if (name == null) {
            return;
        }
        observed.add(name);
        if (!isSocketEventType(method.getObservedType())) {
            if (method.isAsync()) {
                synchronized (asyncTyped) {
                    asyncTyped.add(TypedObservers.describe(method));
                }
            } else {
                typed.add(name, method);
            }
        }
    }

    void addBeans(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        for (String name : injected.keySet()) {
            event.addBean().types(SocketTask.class, Object.class)
                    .qualifiers(SocketName.Literal.of(name), Any.Literal.INSTANCE)
                    .scope(Dependent.class)
                    .beanClass(SocketsExtension.class)
                    .produceWith(beans -> task(name, beans));
        }
        event.addObserverMethod().observedType(Object.class).qualifiers(Initialized.Literal.of(ApplicationScoped.class))
                .beanClass(SocketsExtension.class)
                .notifyWith(started -> connectOnStart(beanManager.createInstance()));
    }

    void validate(@Observes AfterDeploymentValidation event) {
        for (String problem : problems(ConfigSource.auto())) {
            event.addDeploymentProblem(new DeploymentException("taro-socket: " + problem));
        }
    }

    /** What is wrong with the configuration of the injected and started names, one message each. */
    List<String> problems(ConfigSource source) {
        List<String> problems = new ArrayList<>();
        Map<String, String> needed = new TreeMap<>(); // name: why its URL is needed
        injected.forEach((name, at) -> needed.put(name, "@SocketName(\"" + name + "\") SocketTask is injected into " + at));
        for (String name : new TreeSet<>(observed)) {
            try {
                if (connectOnStart(source, name)) {
                    needed.putIfAbsent(name, ConfigKeys.named(name, ConfigKeys.CONNECT_ON_START) + " is true");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        needed.forEach((name, why) -> {
            String key = ConfigKeys.named(name, ConfigKeys.URL);
            String url = source.get(key).map(String::trim).orElse(null);
            if (url == null) {
                problems.add(why + ", but " + key + " is not configured");
                return;
            }
            String[] whyNot = new String[1];
            if (Validation.parseSocketUrl(url, whyNot) == null) {
                problems.add(key + " is not a WebSocket URL: " + whyNot[0]);
            }
            try {
                connectOnStart(source, name);
                SocketPolicies.resolve(ConnectSocketOption.named(name), source, new TrustContexts());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!typed.isEmpty() && !Json.isAvailable()) {
            problems.add("typed observers need JSON-B (jakarta.json.bind) on the class path: " + typed.describe());
        }
        synchronized (asyncTyped) {
            for (String o : asyncTyped) {
                problems.add("typed observers must be @Observes, not @ObservesAsync: " + o);
            }
        }
        return problems;
    }

    TypedObservers typed() {
        return typed;
    }

    private void connectOnStart(Instance<Object> beans) {
        ConfigSource source = ConfigSource.auto();
        Set<String> names = new TreeSet<>(injected.keySet());
        names.addAll(observed);
        for (String name : names) {
            if (connectOnStart(source, name)) {
                try {
                    task(name, beans);
                } catch (RuntimeException e) {
                    Log.LOG.log(WARNING, "taro-socket: connecting socket " + name + " at start failed", e);
                }
            }
        }
    }

    private static boolean connectOnStart(ConfigSource source, String name) {
        return source.get(ConfigKeys.named(name, ConfigKeys.CONNECT_ON_START), raw -> {
            if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(raw);
            }
            throw new IllegalArgumentException("expected true or false");
        }).orElse(false);
    }

    /** The application's socket {@code name}, connected on first call; the manager's refusal is thrown. */
    private SocketTask task(String name, Instance<Object> beans) {
        return tasks.computeIfAbsent(name, n -> {
            SocketManager manager = manager(beans);
            try {
                return manager.connectSocket(ConnectSocketOption.named(n)).toCompletableFuture().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof SocketException s ? s : e;
            }
        });
    }

    void attach(SocketManager manager) {
        attached = manager;
    }

    /**
     * The application's manager: handed over at start by {@link SocketsExtensionBridge}, else (before
     * start, or without the bridge bean) the one the extension's archive sees, else the container's.
     */
    private SocketManager manager(Instance<Object> beans) {
        SocketManager manager = attached;
        if (manager != null) {
            return manager;
        }
        Instance<SocketManager> visible = beans.select(SocketManager.class);
        return visible.isResolvable() ? visible.get() : CDI.current().select(SocketManager.class).get();
    }

    private static String nameOf(Set<Annotation> qualifiers) {
        for (Annotation q : qualifiers) {
            if (q instanceof SocketName n) {
                return n.value();
            }
        }
        return null;
    }

    /** Whether the library's own events can reach an observer of {@code type} (then it is not typed). */
    private static boolean isSocketEventType(Type type) {
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        if (!(raw instanceof Class<?> c)) {
            return true; // a type variable or wildcard: leave it to CDI
        }
        return EVENT_TYPES.stream().anyMatch(c::isAssignableFrom);
    }
}
