package dev.tarosocket.internal;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what {@code connectToServer} threw into a plain-English detail, with the HTTP status where
 * the implementation exposes it. Only the standard API is used: a public no-argument
 * {@code get*StatusCode()} on the exception chain (Tyrus's {@code HandshakeException}, Jetty's
 * {@code UpgradeException}) or a status in the message.
 */
final class HandshakeFailure {

    private static final Pattern STATUS_IN_MESSAGE =
            Pattern.compile("(?i)(?:(?:status(?: code)?|response code(?: was not 101)?|not 101)\\D{0,20}"
                    + "|response from the server \\[)([1-5]\\d\\d)");

    private HandshakeFailure() {
    }

    static String describe(Throwable t) {
        int status = status(t);
        if (status > 0) {
            return "handshake failed: the server answered HTTP " + status + " instead of 101";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "handshake failed: connection refused";
            }
            if (c instanceof UnknownHostException) {
                return "handshake failed: unknown host " + c.getMessage();
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return "handshake failed: TLS error: " + c.getMessage();
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "handshake failed: " + msg;
    }

    /**
     * The HTTP status of a rejected upgrade, or 0 if unknown. In order of trust: a status in a
     * message of the chain (Tyrus: "Response code was not 101: 404.", "HTTP Status code 503"; Tomcat:
     * "The HTTP response from the server [404] did not permit the HTTP upgrade"); an
     * authentication failure by its exception's name (Tyrus reports 401 without the number); a
     * public {@code get*StatusCode()} getter (Jetty's {@code UpgradeException}).
     */
    static int status(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c.getMessage() != null) {
                Matcher matcher = STATUS_IN_MESSAGE.matcher(c.getMessage());
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        for (Throwable c = t; c != null; c = next(c)) {
            if (c.getClass().getSimpleName().startsWith("Authentication")) {
                return 401;
            }
        }
        for (Throwable c = t; c != null; c = next(c)) {
            int s = statusGetter(c);
            if (s > 0) {
                return s;
            }
        }
        return 0;
    }

    private static Throwable next(Throwable c) {
        return c.getCause() == c ? null : c.getCause();
    }

    private static int statusGetter(Throwable c) {
        for (Method m : c.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getReturnType() == int.class
                    && m.getName().startsWith("get") && m.getName().endsWith("StatusCode")) {
                try {
                    int s = (int) m.invoke(c);
                    if (s >= 100 && s < 600 && s != 101) {
                        return s;
                    }
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // not the kind of getter we look for
                }
            }
        }
        return 0;
    }
}
