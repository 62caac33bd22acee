package dev.tarosocket.regression;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.testing.ClientContainers;
import dev.tarosocket.testing.TestCertificates;
import dev.tarosocket.testing.TestServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The default trust in a JVM of its own: {@code javax.net.ssl.trustStore} must be set before the
 * JVM's default TLS context is first made, which the test JVM has long done. The child JVM makes the
 * certificate, trusts it by default, connects as {@code localhost}, then as 127.0.0.1, and prints how
 * each ended on its last line.
 */
public final class TlsDefaultTrustProbe {

    private static final long CHILD_SECONDS = 120;
    private static final String RESULT = "probe result: ";

    private TlsDefaultTrustProbe() {
    }

    /** Runs the child JVM with {@code kind}'s container; its last output line. */
    static String run(ClientContainers kind, Path dir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                TlsDefaultTrustProbe.class.getName(), kind.name(), dir.toString()))
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the probe JVM did not end within " + CHILD_SECONDS + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        int at = text.lastIndexOf(RESULT);
        return at < 0 ? "no result: " + text : text.substring(at + RESULT.length()).strip();
    }

    public static void main(String[] args) throws Exception {
        ClientContainers kind = ClientContainers.valueOf(args[0]);
        Path store = TestCertificates.trustStore(Path.of(args[1], "default-trust.p12"));
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        String result;
        try (TestServer server = TestServer.startTls(TestCertificates.server());
             ClientContainers.Handle handle = kind.open();
             SocketManager manager = SocketManager.builder().container(handle.container()).build()) {
            String url = server.uri("/echo").toString();
            String wrongHost = TlsHostNameTest.endOf(manager, ConnectSocketOption.builder(url.replace("127.0.0.1", "localhost")));
            String rightHost = TlsHostNameTest.endOf(manager, ConnectSocketOption.builder(url));
            result = wrongHost + " " + rightHost;
        }
        System.out.println(RESULT + result);
        System.exit(0);
    }
}
