package dev.tarosocket.internal;

import dev.tarosocket.SendSocketMessageOption;
import dev.tarosocket.SocketErrorCode;
import dev.tarosocket.SocketTask;
import dev.tarosocket.spi.EventSink;

import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.reflect.Type;

/**
 * The JSON-B of one manager, made on first use: the application's {@code Jsonb} bean when the manager
 * runs in CDI and the application has exactly one, else one {@code JsonbBuilder.create()} (closed with
 * the manager). JSON-B is optional: only {@link JsonbCodec} names its types, and it is loaded only
 * after {@link #isAvailable()} said yes, so the library loads and works without JSON-B.
 */
public final class Json {

    static final String API = "jakarta.json.bind.JsonbBuilder";
    static final String MISSING = "JSON-B (jakarta.json.bind) is not on the class path";

    /** For events made outside a manager (tests, user code): one codec per class loader of the library. */
    private static final Json DETACHED = new Json(null);

    private final BeanManager beanManager; // null: not in CDI, or no bean lookup wanted
    private final Object lock = new Object();
    private Codec codec;                   // guarded by lock; null until first use
    private boolean closed;                // guarded by lock; set by close()

    /** Serializes and decodes; implemented by {@link JsonbCodec}. */
    public interface Codec {
        String toJson(Object value);

        Object fromJson(String json, Type type);
    }

    Json(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    /** The JSON of an engine whose events go to {@code sink}: a CDI sink brings the application's beans. */
    static Json forSink(EventSink sink) {
        return new Json(sink instanceof CdiEventSink cdi ? cdi.beanManager() : null);
    }

    /** The JSON of the manager of {@code task}. */
    public static Json of(SocketTask task) {
        return task instanceof ManagedSocket socket ? socket.engine.json : DETACHED;
    }

    /** Whether the JSON-B API is visible to this library. */
    public static boolean isAvailable() {
        try {
            Class.forName(API, false, Json.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws IllegalStateException when JSON-B is not on the class path */
    public Codec codec() {
        synchronized (lock) {
            if (codec == null) {
                if (!isAvailable()) {
                    throw new IllegalStateException(MISSING);
                }
                codec = JsonbCodec.create(beanManager);
                if (closed) {
                    ((JsonbCodec) codec).close(); // made after the manager ended: do not leak it
                }
            }
            return codec;
        }
    }

    /**
     * The frame data of a send: the option's data, or its JSON object serialized now. Null when the
     * object cannot be serialized; then {@code call} has failed with {@code INVALID_ARGUMENT}.
     */
    Object data(SendSocketMessageOption option, PendingCall<?> call) {
        Object value = option.json().orElse(null);
        if (value == null) {
            return option.data();
        }
        try {
            return codec().toJson(value);
        } catch (RuntimeException e) {
            call.fail(SocketErrorCode.INVALID_ARGUMENT, "parameter error: cannot send "
                    + value.getClass().getName() + " as JSON: " + (e instanceof IllegalStateException ? MISSING
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())), e);
            return null;
        }
    }

    /** Closes the {@code Jsonb} this manager created (never the application's bean). Idempotent. */
    void close() {
        synchronized (lock) {
            closed = true;
            if (codec != null) {
                ((JsonbCodec) codec).close();
            }
        }
    }
}
