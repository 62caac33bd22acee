package dev.tarosocket.internal;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.Heartbeat;
import dev.tarosocket.ReconnectPolicy;
import dev.tarosocket.config.ConfigSource;
import dev.tarosocket.config.SocketSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The reconnect policy, heartbeat and TLS context of one socket: what its option sets, else for a
 * named socket its configuration ({@code taro.socket.<name>.reconnect}, {@code .reconnect.max-attempts},
 * {@code .reconnect.min-delay}, {@code .reconnect.max-delay}, {@code .ping-interval},
 * {@code .ping-timeout}, {@code .truststore}, {@code .truststore-password}, {@code .truststore-type}).
 *
 * @param reconnect  null for no reconnect
 * @param heartbeat  null for no heartbeat
 * @param sslContext null for the container's default
 */
record SocketPolicies(ReconnectPolicy reconnect, Heartbeat heartbeat, SSLContext sslContext) {

    /** @throws IllegalArgumentException naming the key and value when configuration is malformed */
    static SocketPolicies resolve(ConnectSocketOption option, ConfigSource source, TrustContexts trust) {
        String name = option.name().orElse(null);
        ReconnectPolicy reconnect = option.reconnect().orElse(null);
        Heartbeat heartbeat = option.heartbeat().orElse(null);
        SSLContext ssl = option.sslContext().orElse(null);
        if (name == null) {
            return new SocketPolicies(reconnect, heartbeat, ssl);
        }
        if (reconnect == null && read(source, name, "reconnect", SocketPolicies::bool).orElse(false)) {
            ReconnectPolicy.Builder b = ReconnectPolicy.builder();
            read(source, name, "reconnect.max-attempts", Integer::parseInt).ifPresent(b::maxAttempts);
            read(source, name, "reconnect.min-delay", SocketSettings::parseDuration).ifPresent(b::minDelay);
            read(source, name, "reconnect.max-delay", SocketSettings::parseDuration).ifPresent(b::maxDelay);
            reconnect = b.build();
        }
        if (heartbeat == null) {
            Optional<Duration> every = read(source, name, "ping-interval", SocketSettings::parseDuration);
            if (every.isPresent()) {
                Heartbeat hb = Heartbeat.every(every.get());
                heartbeat = read(source, name, "ping-timeout", SocketSettings::parseDuration).map(hb::timeout).orElse(hb);
            }
        }
        if (ssl == null) {
            ssl = read(source, name, "truststore", Path::of).map(p -> trusting(p, source, name, trust)).orElse(null);
        }
        return new SocketPolicies(reconnect, heartbeat, ssl);
    }

    private static <T> Optional<T> read(ConfigSource source, String name, String suffix, Function<String, T> parse) {
        return source.get(NamedSockets.key(name, suffix), parse);
    }

    private static boolean bool(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static SSLContext trusting(Path store, ConfigSource source, String name, TrustContexts trust) {
        String type = source.get(NamedSockets.key(name, "truststore-type")).orElse("PKCS12");
        String password = source.get(NamedSockets.key(name, "truststore-password")).orElse(null);
        return trust.get(store, type, password, () -> load(store, type, password, NamedSockets.key(name, "truststore")));
    }

    private static SSLContext load(Path store, String type, String secret, String key) {
        char[] password = secret == null ? null : secret.toCharArray();
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            // never echo the password; the path and type are not secrets
            throw new IllegalArgumentException("taro-socket configuration: " + key + "=\"" + store
                    + "\" (type " + type + ") cannot be loaded: " + e.getClass().getSimpleName(), e);
        }
    }
}
