package dev.tarosocket.testing;

import dev.tarosocket.testing.HostileServer.Behavior;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One connection of a {@link HostileServer}: reads the upgrade request, acts out its
 * {@link Behavior}, then reads client frames (RFC 6455, masked) until a close frame or EOF.
 *
 * <p>Contract: {@link #run()} is called once on the connection's own thread and returns the
 * client's close code (1005 for a close frame without one) or empty; it never throws. Only
 * OVERSIZED_FRAME uses a second daemon thread (the payload writer), which ends when the payload
 * is sent or the socket closes.
 */
final class HostileConnection {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_KEPT_PAYLOAD = 1024 * 1024;
    /** Payload bytes OVERSIZED_FRAME actually sends after its 2^40 header: 8 MiB. */
    static final int OVERSIZED_SENT = 8 * 1024 * 1024;

    private final Socket socket;
    private final Behavior behavior;
    private final Consumer<String> requestSink;

    HostileConnection(Socket socket, Behavior behavior, Consumer<String> requestSink) {
        this.socket = socket;
        this.behavior = behavior;
        this.requestSink = requestSink;
    }

    OptionalInt run() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String request = readHead(in);
            if (request == null) {
                return OptionalInt.empty();
            }
            requestSink.accept(request);
            String key = header(request, "Sec-WebSocket-Key");
            switch (behavior) {
                case ANSWER_401:
                    return plain(out, "401 Unauthorized");
                case ANSWER_404:
                    return plain(out, "404 Not Found");
                case ANSWER_503:
                    return plain(out, "503 Service Unavailable");
                case NEVER_ANSWER:
                    drain(in);
                    return OptionalInt.empty();
                case BAD_ACCEPT:
                    upgrade(out, accept("not-" + key));
                    return readUntilClose(in, out, false);
                default:
                    upgrade(out, accept(key));
                    return misbehave(in, out);
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private OptionalInt misbehave(DataInputStream in, OutputStream out) throws IOException {
        switch (behavior) {
            case RESERVED_BITS:
                frame(out, 0x80 | 0x70 | 0x1, "hi".getBytes(StandardCharsets.US_ASCII));
                return readUntilClose(in, out, true);
            case OVERSIZED_FRAME:
                out.write(new byte[] {(byte) 0x81, 127, 0, 0, 1, 0, 0, 0, 0, 0});
                out.flush();
                // write the payload on a helper thread so the client's close frame is still read
                Thread writer = new Thread(() -> flood(out), Thread.currentThread().getName() + "-writer");
                writer.setDaemon(true);
                writer.start();
                return readUntilClose(in, out, false);
            case INVALID_UTF8:
                frame(out, 0x81, new byte[] {(byte) 0xC3, (byte) 0x28});
                return readUntilClose(in, out, true);
            case BAD_CLOSE_CODE:
                frame(out, 0x88, new byte[] {0x03, (byte) 0xE7});          // 999
                return readUntilClose(in, out, false);
            case RESERVED_CLOSE_CODE:
                frame(out, 0x88, new byte[] {0x03, (byte) 0xED});          // 1005
                return readUntilClose(in, out, false);
            case GARBAGE_AFTER_CLOSE:
                frame(out, 0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
                byte[] garbage = new byte[64];
                new Random().nextBytes(garbage);
                out.write(garbage);
                out.flush();
                return readUntilClose(in, out, false);
            case ECHO_THEN_DROP:
                byte[][] first = readFrame(in);
                if (first != null && (first[0][0] & 0x0F) == 0x1) {
                    frame(out, 0x81, first[1]);
                }
                return OptionalInt.empty();                               // caller closes TCP: FIN
            default:
                throw new IllegalStateException("unhandled " + behavior);
        }
    }

    /** Reads frames until a close frame (answered with the same code if asked) or EOF. */
    private OptionalInt readUntilClose(DataInputStream in, OutputStream out, boolean answerClose) throws IOException {
        while (true) {
            byte[][] f = readFrame(in);
            if (f == null) {
                return OptionalInt.empty();
            }
            if ((f[0][0] & 0x0F) == 0x8) {
                byte[] p = f[1];
                int code = p.length >= 2 ? ((p[0] & 0xFF) << 8) | (p[1] & 0xFF) : 1005;
                if (answerClose) {
                    frame(out, 0x88, p.length >= 2 ? new byte[] {p[0], p[1]} : new byte[0]);
                }
                return OptionalInt.of(code);
            }
        }
    }

    /** One client frame as {header byte 0}, payload (unmasked); null on EOF. */
    private static byte[][] readFrame(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
            in.readFully(mask);
        }
        if (len > MAX_KEPT_PAYLOAD) {
            in.skipNBytes(len);
            return new byte[][] {{(byte) b0}, new byte[0]};
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new byte[][] {{(byte) b0}, payload};
    }

    /** Writes one unmasked server frame. */
    private static void frame(OutputStream out, int b0, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
        f.write(b0);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        } else {
            f.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (((long) payload.length >>> shift) & 0xFF));
            }
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    private static void flood(OutputStream out) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try {
            for (int i = 0; i < OVERSIZED_SENT / chunk.length; i++) {
                out.write(chunk);
            }
            out.flush();
        } catch (IOException e) {
            // the client gave up or the server closed: done
        }
    }

    private static OptionalInt plain(OutputStream out, String status) throws IOException {
        String response = "HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return OptionalInt.empty();
    }

    private static void upgrade(OutputStream out, String accept) throws IOException {
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Base64 of SHA-1 of key + the RFC 6455 GUID. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request line and headers up to the blank line, or null on EOF/oversize. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        String wanted = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return line.substring(wanted.length()).trim();
            }
        }
        return "";
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // hold the connection open until the client gives up or the server closes
        }
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
