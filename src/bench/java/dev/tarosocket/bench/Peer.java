package dev.tarosocket.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Node `ws` peer as a child process on 127.0.0.1. It ends when our stdin pipe closes (we end)
 * or after its own time limit.
 */
final class Peer implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final int MAX_PEER_SECONDS = 3 * 3600;

    private final Process process;
    private final int port;

    private Peer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Peer start(Path peerDir, Path script) throws IOException {
        Path modules = peerDir.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("ws"))) {
            throw new IOException("ws is not installed in " + modules + "; run: npm install --prefix " + peerDir + " ws@8");
        }
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "--max-seconds", String.valueOf(MAX_PEER_SECONDS));
        pb.environment().put("NODE_PATH", modules.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IOException("the peer did not start: " + line);
        }
        return new Peer(p, Integer.parseInt(line.substring(5).trim()));
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** The peer's CPU time (user + system) in ns, from /proc; -1 where that is not readable. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
