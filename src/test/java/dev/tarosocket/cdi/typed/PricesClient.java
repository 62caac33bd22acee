package dev.tarosocket.cdi.typed;

import dev.tarosocket.SocketTask;
import dev.tarosocket.event.SocketName;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Injects the socket {@code prices}. */
@Dependent
public class PricesClient {

    @Inject
    @SocketName("prices")
    SocketTask prices;
}
