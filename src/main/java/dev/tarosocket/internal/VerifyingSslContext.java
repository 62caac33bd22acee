package dev.tarosocket.internal;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * An {@link SSLContext} whose engines verify the server's host name: each engine it creates has the
 * endpoint identification algorithm {@code HTTPS} unless one is set already. For containers that
 * take a bare {@code SSLContext} and verify only the certificate chain (Undertow's client), so that
 * a trusted certificate for another host is refused as it is by Tyrus and Jetty.
 *
 * <p>Invariant: one wrapper per wrapped context while it lives (weakly cached), so the TLS session
 * cache, which belongs to the wrapped context, is shared as before.
 */
final class VerifyingSslContext extends SSLContext {

    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    private static final Map<SSLContext, SSLContext> WRAPPED = new WeakHashMap<>(); // guarded by itself

    private VerifyingSslContext(SSLContext delegate) {
        super(new Spi(delegate), delegate.getProvider(), delegate.getProtocol());
    }

    /** {@code context} with host name verification on every engine it creates. */
    static SSLContext of(SSLContext context) {
        if (context instanceof VerifyingSslContext) {
            return context;
        }
        synchronized (WRAPPED) {
            return WRAPPED.computeIfAbsent(context, VerifyingSslContext::new);
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
        SSLParameters p = engine.getSSLParameters();
        if (p.getEndpointIdentificationAlgorithm() == null || p.getEndpointIdentificationAlgorithm().isEmpty()) {
            p.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
            engine.setSSLParameters(p);
        }
        return engine;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
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
            return verifying(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return verifying(delegate.createSSLEngine(host, port));
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
