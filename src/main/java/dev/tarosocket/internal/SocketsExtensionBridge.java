package dev.tarosocket.internal;

import dev.tarosocket.SocketManager;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Hands the application's {@link SocketManager} to {@link SocketsExtension} when the application
 * starts, before the extension connects anything. Some servers (Payara) give an extension's own beans
 * an archive that cannot see the library's beans, and place the extension class in two archives so
 * that {@code CDI.current()} cannot choose; a bean of the library's archive sees the manager.
 */
@Dependent
class SocketsExtensionBridge {

    /** Before the extension's own start observer (default priority). */
    static final int FIRST = 1;

    @Inject
    SocketManager manager;

    @Inject
    BeanManager beanManager;

    void started(@Observes @Priority(FIRST) @Initialized(ApplicationScoped.class) Object event) {
        try {
            beanManager.getExtension(SocketsExtension.class).attach(manager);
        } catch (IllegalArgumentException e) {
            // the extension is not registered in this container: nothing to hand over
        }
    }
}
