package dev.tarosocket.cdi.typed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/** An application's own {@code Jsonb}: upper camel case property names, so its use shows on the wire. */
@ApplicationScoped
public class NamingJsonb {

    @Produces
    @ApplicationScoped
    Jsonb jsonb() {
        return JsonbBuilder.create(new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE));
    }

    void close(@Disposes Jsonb jsonb) throws Exception {
        jsonb.close();
    }
}
