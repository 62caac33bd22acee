package dev.tarosocket.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Ports for test servers that must rebind the port they had: free ports of 127.0.0.1 below the
 * system's ephemeral port range. The kernel hands ephemeral ports to outgoing connections; a port
 * below the range is only ever taken by an explicit bind, so a restart finds it free again.
 */
final class ServicePorts {

    // Linux's default start of the ephemeral range; macOS and Windows start at 49152
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    // above the ports the integration suite's servers use (8080-10590)
    private static final int LOWEST = 20000;
    private static final int ATTEMPTS = 50;

    private ServicePorts() {
    }

    /**
     * Calls {@code bind} with random candidate ports until one binds; at most 50 candidates. Where the
     * ephemeral range leaves no room below it, binds an ephemeral port (a restart may then fail).
     */
    static <T> T bindFree(IntFunction<T> bind) {
        int high = Math.min(ephemeralLow(), 32768) - 1;
        if (high < LOWEST + 1000) {
            // a machine whose ephemeral range starts low (1024-65535 on some load hosts) has no port
            // that outgoing connections never take: an ephemeral one, as other test servers get
            return bind.apply(0);
        }
        RuntimeException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
            try {
                return bind.apply(port);
            } catch (UncheckedIOException e) {
                last = e; // taken by someone else: try another
            }
        }
        throw new IllegalStateException("no free port of 127.0.0.1 in " + LOWEST + "-" + high + " after "
                + ATTEMPTS + " tries", last);
    }

    /** The first port of the ephemeral range: Linux's own setting, else Linux's default. */
    static int ephemeralLow() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                // one read into a large buffer: a sysctl file gives nothing to a read that starts past 0,
                // so Files.readString, which reads the first byte alone, would see "3"
                try (BufferedReader in = Files.newBufferedReader(range)) {
                    return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or unexpected: use the default below
        }
        return DEFAULT_EPHEMERAL_LOW;
    }
}
