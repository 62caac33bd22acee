package dev.tarosocket.internal;

/** The library's one logger. Header values and payloads are never logged above DEBUG. */
final class Log {

    static final System.Logger LOG = System.getLogger("dev.tarosocket");

    private Log() {
    }

    /** Runs a user callback; a throw is logged and swallowed so it cannot disturb the socket. */
    static void guarded(String what, Runnable callback) {
        guarded(what, "", callback);
    }

    /** The same, with the label in two parts joined only if the callback throws (hot paths). */
    static void guarded(String what, String which, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "taro-socket: " + what + which + " threw; ignored", e);
        }
    }
}
