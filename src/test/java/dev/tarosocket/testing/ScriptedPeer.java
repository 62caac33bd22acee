package dev.tarosocket.testing;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket server on 127.0.0.1 that the test drives step by step: it accepts TCP
 * connections and hands them to the test ({@link #nextConnection}), which then answers the
 * upgrade, writes frames as fast as it likes, reads the client's frames, or resets the connection.
 * Unlike {@link TestServer} nothing happens unless the test asks for it: no automatic pong, no
 * close answer, no reading (so the client's writes back up once the TCP buffers are full).
 *
 * <p>Contract: one daemon accept thread "scripted-peer-*"; connections are queued in accept order.
 * {@link #close()} closes the listener and every accepted connection.
 */
public final class ScriptedPeer implements AutoCloseable {

    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();

    private ScriptedPeer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "scripted-peer-" + listener.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a peer on an ephemeral port of 127.0.0.1. */
    public static ScriptedPeer start() {
        try {
            return new ScriptedPeer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start scripted peer", e);
        }
    }

    /** {@code ws://127.0.0.1:port/path}. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + (path.startsWith("/") ? path : "/" + path));
    }

    /** The next accepted TCP connection (upgrade not yet answered); AssertionError on timeout. */
    public Connection nextConnection(Duration timeout) {
        try {
            Connection c = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new AssertionError("no connection to " + this + " within " + timeout);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next connection, with its upgrade answered by a valid 101. */
    public Connection nextUpgraded(Duration timeout) {
        Connection c = nextConnection(timeout);
        c.acceptUpgrade();
        return c;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        all.forEach(Connection::close);
    }

    @Override
    public String toString() {
        return "ScriptedPeer[127.0.0.1:" + listener.getLocalPort() + "]";
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Connection c = new Connection(s);
                all.add(c);
                accepted.add(c);
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** One accepted TCP connection. Frame writes are serialised; reads belong to one thread. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Reads the upgrade request and answers 101 with the right Sec-WebSocket-Accept. */
        public void acceptUpgrade() {
            try {
                String key = null;
                for (String line : readRequest().split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                        key = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                if (key == null) {
                    throw new AssertionError("no Sec-WebSocket-Key in the upgrade request");
                }
                byte[] digest = MessageDigest.getInstance("SHA-1")
                        .digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
                String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n";
                synchronized (this) {
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private String readRequest() throws IOException {
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection ended inside the upgrade request");
                }
                request.append((char) b);
            }
            return request.toString();
        }

        /** Writes one unmasked text frame; blocks while the client does not read. */
        public void text(String text) throws IOException {
            frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes one unmasked binary frame; blocks while the client does not read. */
        public void binary(byte[] payload) throws IOException {
            frame(0x2, payload);
        }

        private synchronized void frame(int opcode, byte[] payload) throws IOException {
            int n = payload.length;
            byte[] header;
            if (n < 126) {
                header = new byte[] {(byte) (0x80 | opcode), (byte) n};
            } else if (n < 65_536) {
                header = new byte[] {(byte) (0x80 | opcode), 126, (byte) (n >>> 8), (byte) n};
            } else {
                header = new byte[10];
                header[0] = (byte) (0x80 | opcode);
                header[1] = 127;
                for (int i = 0; i < 8; i++) {
                    header[9 - i] = (byte) ((long) n >>> (8 * i));
                }
            }
            out.write(header);
            out.write(payload);
            out.flush();
        }

        /**
         * Reads the client's next data frame's payload as text, skipping control frames (answering
         * nothing); null at EOF or on a close frame. Only whole, unfragmented messages are supported.
         */
        public String readText() throws IOException {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return null;
                }
                int b1 = readByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = ((long) readByte() << 8) | readByte();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | readByte();
                    }
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    readFully(mask);
                }
                byte[] payload = new byte[Math.toIntExact(len)];
                readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    return null;
                }
                if (opcode < 0x8) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        private void readFully(byte[] b) throws IOException {
            int off = 0;
            while (off < b.length) {
                int r = in.read(b, off, b.length - off);
                if (r < 0) {
                    throw new EOFException();
                }
                off += r;
            }
        }

        /** Ends the connection abortively (SO_LINGER 0): the client sees a reset. */
        public void reset() {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing anyway
            }
            close();
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }
}
