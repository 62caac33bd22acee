package dev.tarosocket.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.lang.reflect.Type;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/** The only class that names JSON-B types; loaded by {@link Json} after it checked JSON-B is there. */
final class JsonbCodec implements Json.Codec {

    private final Jsonb jsonb;
    private final boolean own; // true: made here, closed here; false: the application's bean

    private JsonbCodec(Jsonb jsonb, boolean own) {
        this.jsonb = jsonb;
        this.own = own;
    }

    /** The application's {@code Jsonb} bean when {@code beanManager} resolves exactly one, else a new one. */
    static JsonbCodec create(BeanManager beanManager) {
        if (beanManager != null) {
            try {
                Instance<Jsonb> beans = beanManager.createInstance().select(Jsonb.class);
                if (beans.isResolvable()) {
                    Log.LOG.log(DEBUG, "taro-socket: JSON through the application's Jsonb bean");
                    return new JsonbCodec(beans.get(), false);
                }
            } catch (RuntimeException e) {
                Log.LOG.log(WARNING, "taro-socket: cannot look up a Jsonb bean (" + e + "); using JsonbBuilder.create()");
            }
        }
        return new JsonbCodec(JsonbBuilder.create(), true);
    }

    @Override
    public String toJson(Object value) {
        return jsonb.toJson(value);
    }

    @Override
    public Object fromJson(String json, Type type) {
        return jsonb.fromJson(json, type);
    }

    void close() {
        if (!own) {
            return;
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            Log.LOG.log(DEBUG, "taro-socket: closing Jsonb failed", e);
        }
    }
}
