package dev.tarosocket.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import java.util.Map;

/** Makes MicroProfile Config (SmallRye) answer with given values for this thread's class loader, until closed. */
public final class MicroProfileConfigs implements AutoCloseable {

    private final SmallRyeConfig config;
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    private MicroProfileConfigs(Map<String, String> values) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        // a config built earlier for this loader (by another test's ConfigSource.auto()) would win
        resolver.releaseConfig(ConfigProvider.getConfig(loader));
        config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
        resolver.registerConfig(config, loader);
    }

    public static MicroProfileConfigs with(Map<String, String> values) {
        return new MicroProfileConfigs(values);
    }

    @Override
    public void close() {
        ConfigProviderResolver.instance().releaseConfig(config);
    }
}
