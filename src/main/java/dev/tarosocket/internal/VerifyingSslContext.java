package dev.tarosocket.internal;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@link SSLContext} Undertow's client gets: its engines verify the server's host name (each
 * engine it creates has the endpoint identification algorithm {@code HTTPS} unless one is set
 * already), because Undertow takes a bare {@code SSLContext} and verifies only the certificate chain;
 * so a trusted certificate for another host is refused as it is by Tyrus, Jetty and Tomcat.
 *
 * <p>Open Liberty's client gets one too ({@link #verifyingFor}), for the URL's host: it uses a
 * context it is given without verifying the host name (a certificate for 127.0.0.1 opened a
 * connection to {@code localhost} on Liberty 26), and makes engines for the host name it resolved.
 *
 * <p>Undertow's engines also offer TLS 1.2 at most, when TLS 1.2 is enabled beside 1.3: Undertow 2.3's
 * client never completes a TLS 1.3 handshake (its connect times out against any TLS 1.3 server, as
 * the Java SE tests show), while TLS 1.2 works. A context whose engines enable only TLS 1.3 is left
 * as it is, so that its handshake fails rather than silently runs a protocol the user excluded.
 *
 * <p>Invariant: one wrapper per wrapped context while it lives (weakly cached), so the TLS session
 * cache, which belongs to the wrapped context, is shared as before.
 */
final class VerifyingSslContext extends SSLContext {

    static final String ENDPOINT_IDENTIFICATION = "HTTPS";
    static final String TLS_13 = "TLSv1.3";
    static final String TLS_12 = "TLSv1.2";

    private static final Map<SSLContext, SSLContext> WRAPPED = new WeakHashMap<>(); // guarded by itself
    // Liberty's: per context, per host name the engines are made for; guarded by itself
    private static final Map<SSLContext, Map<String, SSLContext>> WRAPPED_FOR_HOST = new WeakHashMap<>();

    private VerifyingSslContext(SSLContext delegate, boolean tls12AtMost) {
        this(delegate, tls12AtMost, null);
    }

    private VerifyingSslContext(SSLContext delegate, boolean tls12AtMost, String host) {
        super(new Spi(delegate, tls12AtMost, host), delegate.getProvider(), delegate.getProtocol());
    }

    /** {@code context} with host name verification on every engine it creates, and TLS 1.2 at most (Undertow's). */
    static SSLContext of(SSLContext context) {
        if (context instanceof VerifyingSslContext) {
            return context;
        }
        synchronized (WRAPPED) {
            return WRAPPED.computeIfAbsent(context, c -> new VerifyingSslContext(c, true));
        }
    }

    /**
     * {@code context} with host name verification of {@code host} on every engine it creates,
     * protocols untouched, whatever host the container names: for Open Liberty's client, which uses a
     * context it is given without verifying the host name, and names the host it resolved (127.0.0.1
     * becomes "localhost"), not the URL's.
     */
    static SSLContext verifyingFor(SSLContext context, String host) {
        synchronized (WRAPPED_FOR_HOST) {
            return WRAPPED_FOR_HOST.computeIfAbsent(context, c -> new java.util.HashMap<>())
                    .computeIfAbsent(host, h -> new VerifyingSslContext(context, false, h));
        }
    }

    /** The JDK's default context, verifying host names. */
    static SSLContext ofDefault() {
        try {
            return of(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context: " + e.getMessage(), e);
        }
    }

    static SSLEngine verifying(SSLEngine engine) {
        return verifying(engine, true);
    }

    static SSLEngine verifying(SSLEngine engine, boolean tls12AtMost) {
        SSLParameters p = engine.getSSLParameters();
        boolean changed = false;
        if (p.getEndpointIdentificationAlgorithm() == null || p.getEndpointIdentificationAlgorithm().isEmpty()) {
            p.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
            changed = true;
        }
        List<String> protocols = List.of(p.getProtocols());
        if (tls12AtMost && protocols.contains(TLS_13) && protocols.contains(TLS_12)) {
            p.setProtocols(protocols.stream().filter(x -> !x.equals(TLS_13)).toArray(String[]::new));
            changed = true;
        }
        if (changed) {
            engine.setSSLParameters(p);
        }
        return engine;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final boolean tls12AtMost;
        private final String host; // null: the host the container names

        Spi(SSLContext delegate, boolean tls12AtMost, String host) {
            this.delegate = delegate;
            this.tls12AtMost = tls12AtMost;
            this.host = host;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised: it wraps an initialised context");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return delegate.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        /** Without a peer host nothing can be verified: with the algorithm set, the handshake fails. */
        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return verifying(host != null ? delegate.createSSLEngine(host, -1) : delegate.createSSLEngine(), tls12AtMost);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return verifying(delegate.createSSLEngine(this.host != null ? this.host : host, port), tls12AtMost);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return delegate.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
