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

    /**
     * The URI of an absolute ws/wss URL exactly as given (percent-escapes untouched, only the
     * scheme's case normalised), or null (and {@code whyNot[0]} says why, showing at most
     * scheme://host/path: the query may carry a token).
     */
    static URI parseSocketUrl(String url, String[] whyNot) {
        if (url == null || url.isBlank()) {
            whyNot[0] = "request:fail invalid url \"\": no URL given";
            return null;
        }
        String given = url.trim();
        String shown = withoutQuery(given);
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            whyNot[0] = "request:fail invalid url \"" + shown + "\": " + e.getReason();
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            whyNot[0] = "request:fail invalid url \"" + shown + "\": only ws:// and wss:// URLs are supported";
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            whyNot[0] = "request:fail invalid url \"" + shown + "\": no host";
            return null;
        }
        if (uri.getFragment() != null) {
            whyNot[0] = "request:fail invalid url \"" + shown + "\": a WebSocket URL cannot have a fragment";
            return null;
        }
        if (scheme.equals(uri.getScheme())) {
            return uri;
        }
        // normalise the scheme's case (containers compare it exactly); the rest stays byte for byte
        return URI.create(scheme + given.substring(uri.getScheme().length()));
    }

    /** {@code url} without its query and fragment, for messages and logs. */
    static String withoutQuery(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (f >= 0 && f < cut) {
            cut = f;
        }
        return url.substring(0, cut);
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

    /**
     * The UTF-8 encoded length of {@code s}, without encoding it. Runs on every text send (for
     * {@code bufferedAmount}): a scan over the ASCII prefix first, four chars per test (the profile's
     * largest library line at 1 KiB was the scan one char per test), the general loop only from the
     * first non-ASCII char.
     */
    static int utf8Length(String s) {
        int n = s.length();
        int i = 0;
        while (i + 4 <= n && (s.charAt(i) | s.charAt(i + 1) | s.charAt(i + 2) | s.charAt(i + 3)) < 0x80) {
            i += 4;
        }
        while (i < n && s.charAt(i) < 0x80) {
            i++;
        }
        return i == n ? n : utf8Length(s, i);
    }

    static int utf8Length(CharSequence s) {
        return s instanceof String ? utf8Length((String) s) : utf8Length(s, 0);
    }

    private static int utf8Length(CharSequence s, int from) {
        int n = s.length();
        int bytes = n;
        for (int i = from; i < n; i++) {
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
