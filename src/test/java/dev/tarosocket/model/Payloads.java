package dev.tarosocket.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Payloads that carry a connection-independent sequence number, and their digests. */
final class Payloads {

    private Payloads() {
    }

    static String text(long seq) {
        int pad = (int) (seq * 37 % 200);
        return "t" + seq + "|" + "x".repeat(pad);
    }

    static byte[] binary(long seq, int size) {
        byte[] b = new byte[Math.max(8, size)];
        ByteBuffer.wrap(b).putLong(seq);
        for (int i = 8; i < b.length; i++) {
            b[i] = (byte) (seq + i);
        }
        return b;
    }

    static long seqOfText(String t) {
        int bar = t.indexOf('|');
        if (!t.startsWith("t") || bar < 2) {
            return -2;
        }
        try {
            return Long.parseLong(t.substring(1, bar));
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    static long seqOfBinary(byte[] b) {
        return b.length < 8 ? -2 : ByteBuffer.wrap(b).getLong(0);
    }

    static String digest(byte[] data, boolean text) {
        return (text ? "T" : "B") + data.length + ":" + Arrays.hashCode(data);
    }

    static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8), true);
    }
}
