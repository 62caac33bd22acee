package dev.tarosocket.internal;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import static org.assertj.core.api.Assertions.assertThat;

/** The context Undertow's client gets: host names verified, TLS 1.3 left out only beside TLS 1.2. */
class VerifyingSslContextTest {

    @Test
    void enginesVerifyTheHostNameAndOfferTls12AtMost() throws Exception {
        SSLContext plain = SSLContext.getInstance("TLS");
        plain.init(null, null, null);
        assertThat(plain.createSSLEngine("127.0.0.1", 443).getSSLParameters().getProtocols())
                .as("the JDK's client engine, unwrapped").contains("TLSv1.3", "TLSv1.2");

        SSLEngine engine = VerifyingSslContext.of(plain).createSSLEngine("127.0.0.1", 443);

        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(engine.getSSLParameters().getProtocols()).contains("TLSv1.2").doesNotContain("TLSv1.3");
        assertThat(VerifyingSslContext.of(plain)).as("one wrapper per context").isSameAs(VerifyingSslContext.of(plain));
    }

    @Test
    void anEngineLimitedToTls13KeepsIt() throws Exception {
        SSLContext plain = SSLContext.getInstance("TLS");
        plain.init(null, null, null);
        SSLEngine engine = plain.createSSLEngine("127.0.0.1", 443);
        SSLParameters only13 = engine.getSSLParameters();
        only13.setProtocols(new String[] {"TLSv1.3"});
        only13.setEndpointIdentificationAlgorithm("LDAPS");
        engine.setSSLParameters(only13);

        VerifyingSslContext.verifying(engine);

        assertThat(engine.getSSLParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).as("one set already is kept").isEqualTo("LDAPS");
    }

    @Test
    void libertysEnginesVerifyTheUrlsHostWhateverHostTheContainerNamesAndKeepTls13() throws Exception {
        SSLContext plain = SSLContext.getInstance("TLS");
        plain.init(null, null, null);

        SSLEngine engine = VerifyingSslContext.verifyingFor(plain, "127.0.0.1").createSSLEngine("localhost", 443);

        assertThat(engine.getPeerHost()).as("the URL's host, not the name the container resolved").isEqualTo("127.0.0.1");
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(engine.getSSLParameters().getProtocols()).contains("TLSv1.3");
        assertThat(VerifyingSslContext.verifyingFor(plain, "127.0.0.1")).isSameAs(VerifyingSslContext.verifyingFor(plain, "127.0.0.1"))
                .isNotSameAs(VerifyingSslContext.verifyingFor(plain, "localhost"));
    }
}
