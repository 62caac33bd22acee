package dev.tarosocket.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The checks Taro, WeChat and browsers make, in one place. Each returns null when fine, else the detail. */
final class Validation {

    /** RFC 6455: a close frame's body is at most 125 bytes, 2 of which are the code. */
    static final int MAX_CLOSE_REASON_BYTES = 123;

    private Validation() {
    }

    /** The parsed URI of an absolute ws/wss URL, or null (and {@code whyNot[0]} says why). */
    static URI parseSocketUrl(String url, String[] whyNot) {
        if (url == null || url.isBlank()) {
            whyNot[0] = "request:fail invalid url \"" + (url == null ? "" : url) + "\": no URL given";
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            whyNot[0] = "request:fail invalid url \"" + url + "\": " + e.getReason();
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            whyNot[0] = "request:fail invalid url \"" + url + "\": only ws:// and wss:// URLs are supported";
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            whyNot[0] = "request:fail invalid url \"" + url + "\": no host";
            return null;
        }
        if (uri.getFragment() != null) {
            whyNot[0] = "request:fail invalid url \"" + url + "\": a WebSocket URL cannot have a fragment";
            return null;
        }
        try {
            // normalise the scheme's case: containers compare it exactly
            return new URI(scheme, uri.getRawSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            whyNot[0] = "request:fail invalid url \"" + url + "\": " + e.getReason();
            return null;
        }
    }

    /** Browsers accept 1000 and 3000 to 4999 from applications. */
    static String checkCloseCode(int code) {
        if (code == 1000 || (code >= 3000 && code <= 4999)) {
            return null;
        }
        return "invalid close code " + code + ": use 1000 or 3000 to 4999";
    }

    static String checkCloseReason(String reason) {
        int bytes = utf8Length(reason);
        if (bytes > MAX_CLOSE_REASON_BYTES) {
            return "close reason is " + bytes + " UTF-8 bytes, more than " + MAX_CLOSE_REASON_BYTES;
        }
        return null;
    }

    /** The UTF-8 encoded length of {@code s}, without encoding it. */
    static int utf8Length(CharSequence s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
