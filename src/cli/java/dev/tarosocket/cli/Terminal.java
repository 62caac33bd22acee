package dev.tarosocket.cli;

import java.io.Console;

/** Whether a person is at a terminal (for the progress bar and the demo's interactive part). */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console even when redirected; isTerminal() tells the truth there
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
