package dev.tarosocket.it.life;

import dev.tarosocket.health.SocketsReadinessCheck;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Readiness;

/** The library's readiness check, activated the way the README tells users to. */
@Readiness
@ApplicationScoped
public class LifeReadiness extends SocketsReadinessCheck {
}
