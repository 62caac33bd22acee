package dev.tarosocket.isolation;

import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Injects the socket {@code iso} inside the isolated class loader of {@link WithoutOptionalLibrariesTest}. */
@Dependent
public class IsolatedClient {

    @Inject
    @SocketName("iso")
    SocketTask socket;
}
