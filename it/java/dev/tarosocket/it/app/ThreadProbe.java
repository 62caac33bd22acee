package dev.tarosocket.it.app;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What a callback's thread is: its name, and whether it carries the application's context. Only a
 * thread running under the application's context (a request thread, a managed executor's task)
 * resolves {@code java:module/ModuleName}; a bare thread, or a managed thread whose task was
 * submitted from a thread without context, does not. ({@code java:comp/DefaultManagedExecutorService}
 * is no such test: Payara resolves it on any thread.)
 */
public record ThreadProbe(String thread, String moduleName, String failure) {

    public static ThreadProbe here() {
        String thread = Thread.currentThread().getName();
        try {
            Object name = new InitialContext().lookup("java:module/ModuleName");
            return new ThreadProbe(thread, String.valueOf(name), null);
        } catch (NamingException | RuntimeException e) {
            return new ThreadProbe(thread, null, e.toString());
        }
    }

    public boolean hasApplicationContext() {
        return moduleName != null;
    }

    /** Threads a SocketManager starts itself are named taro-socket-N and taro-socket-timer-N. */
    public boolean isComponentThread() {
        return thread.startsWith("taro-socket");
    }
}
