package dev.tarosocket.cdi.typed;

import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

/** A typed observer that is asynchronous: not supported, so the deployment fails. */
@ApplicationScoped
public class AsyncTypedObserver {

    void price(@ObservesAsync @SocketName("prices") Price p) {
    }
}
