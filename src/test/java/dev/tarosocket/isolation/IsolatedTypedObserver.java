package dev.tarosocket.isolation;

import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A typed observer, which needs JSON-B: in the isolated class loader its deployment must fail. */
@ApplicationScoped
public class IsolatedTypedObserver {

    void price(@Observes @SocketName("iso") Integer price) {
    }
}
